// Rows as the artifacts SQL returns them (snake_case, as selected).

export interface ArtifactRow {
  id: number;
  type: string;
  media_type: string;
  manifest_media_type: string;
  artifact_type: string;
  project_id: number;
  repository_id: number;
  repository_name: string;
  digest: string;
  size: string;
  icon: string;
  push_time: Date;
  pull_time: Date | null;
  extra_attrs: Record<string, unknown> | null;
  annotations: Record<string, string> | null;
}

export interface TagRow {
  id: number;
  repository_id: number;
  artifact_id: number;
  name: string;
  push_time: Date;
  pull_time: Date | null;
}

export interface ReferenceRow {
  parent_id: number;
  child_id: number;
  child_digest: string;
  platform: Record<string, unknown> | null;
  annotations: Record<string, string> | null;
}

export interface AccessoryRow {
  id: number;
  artifact_id: number;
  subject_artifact_id: number;
  subject_artifact_digest: string;
  subject_artifact_repo: string;
  size: string;
  digest: string;
  type: string;
  creation_time: Date;
}

export const ARTIFACT_COLUMNS_SQL = `a.id, a.type, a.media_type, a.manifest_media_type, a.artifact_type, a.project_id, a.repository_id,
  a.repository_name, a.digest, a.size, a.icon, a.push_time, a.pull_time, a.extra_attrs, a.annotations`;
