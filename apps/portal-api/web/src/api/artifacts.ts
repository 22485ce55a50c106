import { api } from './client';
import type { Artifact } from './types';
import { repositoryPathParam } from '../urls';

// One artifact's calls: its details, its tags and its labels (Harbor's artifact API).

const V2 = '/api/v2.0';
const seg = encodeURIComponent;

/** A label as an artifact carries it, and as GET /labels lists them. */
export interface ArtifactLabel {
  id: number;
  name: string;
  color?: string;
  description?: string;
  /** "g" global, "p" a project's own. */
  scope: string;
}

/** An index's child: Harbor's Reference. */
export interface ArtifactReference {
  child_id: number;
  child_digest: string;
  platform?: { architecture?: string; os?: string; variant?: string; 'os.version'?: string };
}

export interface ArtifactDetails extends Artifact {
  type?: string;
  media_type?: string;
  manifest_media_type?: string;
  references?: ArtifactReference[];
}

const artifactPath = (project: string, repo: string, reference: string) =>
  `${V2}/projects/${seg(project)}/repositories/${repositoryPathParam(project, repo)}/artifacts/${seg(reference)}`;

export const artifactDetails = {
  get: (project: string, repo: string, reference: string) =>
    api.get<ArtifactDetails>(artifactPath(project, repo, reference), { with_tag: true, with_label: true, with_immutable_status: true }),
  addTag: (project: string, repo: string, reference: string, name: string) => api.post(`${artifactPath(project, repo, reference)}/tags`, { name }),
  deleteTag: (project: string, repo: string, reference: string, name: string) => api.delete(`${artifactPath(project, repo, reference)}/tags/${seg(name)}`),
  addLabel: (project: string, repo: string, reference: string, labelId: number) => api.post(`${artifactPath(project, repo, reference)}/labels`, { id: labelId }),
  removeLabel: (project: string, repo: string, reference: string, labelId: number) => api.delete(`${artifactPath(project, repo, reference)}/labels/${labelId}`),
};

/** The labels an artifact of the project may carry: the global ones and the project's own. */
export async function labelsForProject(projectId: number): Promise<ArtifactLabel[]> {
  const query = { page: 1, page_size: 100 };
  const [global, own] = await Promise.all([
    api.page<ArtifactLabel>(`${V2}/labels`, { ...query, scope: 'g' }),
    api.page<ArtifactLabel>(`${V2}/labels`, { ...query, scope: 'p', project_id: projectId }),
  ]);
  return [...global.items, ...own.items];
}
