/** A repository row as the repositories SQL returns it. */
export interface RepositoryRow {
  repository_id: number;
  project_id: number;
  name: string;
  description: string;
  pull_count: number;
  artifact_count: number;
  creation_time: Date;
  update_time: Date;
}

/** Harbor's Repository model. go-swagger omits an empty description; the counts are always sent. */
export interface RepositoryView {
  id: number;
  project_id: number;
  name: string;
  description?: string;
  artifact_count: number;
  pull_count: number;
  creation_time: string;
  update_time: string;
}

export function toRepositoryView(row: RepositoryRow): RepositoryView {
  return {
    id: row.repository_id,
    project_id: row.project_id,
    name: row.name,
    ...(row.description ? { description: row.description } : {}),
    artifact_count: row.artifact_count,
    pull_count: row.pull_count,
    creation_time: new Date(row.creation_time).toISOString(),
    update_time: new Date(row.update_time).toISOString(),
  };
}

/** Go's template.HTMLEscapeString, which Harbor applies to descriptions before storing them. */
export function htmlEscape(s: string): string {
  const map: Record<string, string> = { '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' };
  return s.replace(/[&'<>"\0]/g, (c) => map[c]);
}
