import type { DataSource } from 'typeorm';

// Immutable tag rule bodies in Harbor's ImmutableRule shape, as the portal sends them.

export function ruleBody(tagPattern: string, repoPattern = '**', opts: { tagDecoration?: string; repoDecoration?: string; disabled?: boolean } = {}) {
  return {
    disabled: opts.disabled ?? false,
    action: 'immutable',
    template: 'immutable_template',
    priority: 0,
    tag_selectors: [{ kind: 'doublestar', decoration: opts.tagDecoration ?? 'matches', pattern: tagPattern }],
    scope_selectors: { repository: [{ kind: 'doublestar', decoration: opts.repoDecoration ?? 'repoMatches', pattern: repoPattern }] },
  };
}

export const rulesPath = (project: string | number) => `/api/v2.0/projects/${project}/immutabletagrules`;

export async function ruleRows(db: DataSource, projectId: number): Promise<{ id: number; disabled: boolean; filter: unknown }[]> {
  return db.query(`SELECT id, disabled, tag_filter::jsonb AS filter FROM immutable_tag_rule WHERE project_id = $1 ORDER BY id`, [projectId]);
}

/** What tag_filter stores for a body: the rule without its id and disabled flag. */
export function filterOf(body: ReturnType<typeof ruleBody>) {
  const { disabled: _disabled, ...filter } = body;
  return filter;
}
