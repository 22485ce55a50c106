import { type ColumnSpec, type FieldSpec, type Query, type Term, escapeLike, toSql } from '@harbor-ts/api-query';
import { PROJECT_IS_PUBLIC } from '../auth/project-directory';

// How GET /projects turns q=, name=, owner=, public= and the caller's visibility into one
// parameterised WHERE clause. Values only ever travel as $n parameters.

export const PUBLIC_SQL = PROJECT_IS_PUBLIC;

export const PROJECT_FIELDS: FieldSpec = {
  name: { type: 'string' },
  project_id: { type: 'int' },
  owner_id: { type: 'int' },
  registry_id: { type: 'int' },
  creation_time: { type: 'time' },
  update_time: { type: 'time' },
  public: { type: 'bool' },
  owner: { type: 'string', ops: ['exact'] },
};

export const PROJECT_SORTS: Readonly<Record<string, string>> = {
  name: 'p.name',
  project_id: 'p.project_id',
  owner_id: 'p.owner_id',
  creation_time: 'p.creation_time',
  update_time: 'p.update_time',
};

const exactValue = (term: Term): unknown => (term.op === 'exact' ? term.value : undefined);

const COLUMNS: Readonly<Record<string, ColumnSpec>> = {
  name: 'p.name',
  project_id: 'p.project_id',
  owner_id: 'p.owner_id',
  registry_id: 'p.registry_id',
  creation_time: 'p.creation_time',
  update_time: 'p.update_time',
  public: (term) => (exactValue(term) ? PUBLIC_SQL : `NOT (${PUBLIC_SQL})`),
  owner: (term, bind) => ownerSql(exactValue(term), bind),
};

const ownerSql = (username: unknown, bind: (value: unknown) => string) =>
  `p.owner_id IN (SELECT user_id FROM harbor_user WHERE username = ${bind(username)})`;

/** Who may see which projects: everything, public ones, or public ones plus a user's or a robot's. */
export type Visibility =
  | { kind: 'all' }
  | { kind: 'public' }
  | { kind: 'member'; userId: number }
  | { kind: 'names'; names: string[] };

export interface ListFilter {
  query: Query;
  name?: string;
  owner?: string;
  public?: boolean;
  visibility: Visibility;
}

export interface WhereClause {
  where: string;
  params: unknown[];
}

export function projectWhere(filter: ListFilter): WhereClause {
  const q = toSql(filter.query, COLUMNS);
  const params = [...q.params];
  const bind = (v: unknown) => `$${params.push(v)}`;
  const parts = [q.where];
  if (filter.name) parts.push(`p.name ILIKE ${bind(`%${escapeLike(filter.name)}%`)}`);
  if (filter.owner) parts.push(ownerSql(filter.owner, bind));
  if (filter.public !== undefined) parts.push(filter.public ? PUBLIC_SQL : `NOT (${PUBLIC_SQL})`);
  parts.push(visibilitySql(filter.visibility, bind));
  return { where: parts.map((p) => `(${p})`).join(' AND '), params };
}

function visibilitySql(v: Visibility, bind: (value: unknown) => string): string {
  switch (v.kind) {
    case 'all':
      return 'TRUE';
    case 'public':
      return PUBLIC_SQL;
    case 'member':
      return `${PUBLIC_SQL} OR p.project_id IN (SELECT project_id FROM project_member WHERE entity_type = 'u' AND entity_id = ${bind(v.userId)})`;
    case 'names':
      return `${PUBLIC_SQL} OR p.name = ANY(${bind(v.names)})`;
  }
}
