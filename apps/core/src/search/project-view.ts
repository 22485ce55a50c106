import type { ProjectRow, RepositoryRow } from './search.repository';

/** Harbor's Project model as search returns it (no CVE allowlist: search does not load it). */
export interface ProjectView {
  project_id: number;
  owner_id: number;
  owner_name?: string;
  name: string;
  registry_id: number;
  creation_time: string;
  update_time: string;
  repo_count: number;
  metadata: Record<string, string>;
  current_user_role_id?: number;
  current_user_role_ids?: number[];
}

export interface SearchResult {
  project: ProjectView[];
  repository: RepositoryRow[];
}

export function toProjectView(row: ProjectRow): ProjectView {
  const view: ProjectView = {
    project_id: row.project_id,
    owner_id: row.owner_id ?? 0,
    name: row.name,
    registry_id: row.registry_id,
    creation_time: new Date(row.creation_time).toISOString(),
    update_time: new Date(row.update_time).toISOString(),
    repo_count: row.repo_count,
    metadata: row.metadata ?? {},
  };
  if (row.owner_name) view.owner_name = row.owner_name;
  // Harbor omits the role fields when the caller holds no role (omitempty on zero values).
  if (row.role !== null) {
    view.current_user_role_id = row.role;
    view.current_user_role_ids = [row.role];
  }
  return view;
}
