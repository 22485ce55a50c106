import { type FieldSpec, type Paging, QueryError, type Term, parsePaging, parseQuery, parseSort, toSql } from '@harbor-ts/api-query';
import { HarborError } from '../common/harbor-error';
import type { RobotFilter } from './robot.repository';

// GET /robots: q=Level=project,ProjectID=3 picks the robots of one project; without Level it
// lists the system robots (Harbor's ListRobot). The other keys filter within that set.
const FIELDS: FieldSpec = {
  Level: { type: 'string', ops: ['exact'] },
  ProjectID: { type: 'int', ops: ['exact'] },
  name: { type: 'string' },
  description: { type: 'string' },
  disable: { type: 'bool' },
};
const COLUMNS = { name: 'name', description: 'description', disable: 'disable' };
const SORTS = { id: 'id', name: 'name', creation_time: 'creation_time', update_time: 'update_time', expires_at: 'expires_at', duration: 'duration' };

export interface RobotListRequest {
  level: 'system' | 'project';
  /** Set for level "project". */
  projectId?: number;
  filter: RobotFilter;
  paging: Paging;
}

export interface RobotListParams {
  q?: unknown;
  sort?: unknown;
  page?: unknown;
  page_size?: unknown;
}

/** Parses q/sort/page/page_size into the scope to check and the SQL filter, or throws 400/422. */
export function parseRobotList(params: RobotListParams): RobotListRequest {
  try {
    const query = parseQuery(text(params.q), FIELDS);
    const value = (key: string) => (query.terms.find((t) => t.key === key) as Extract<Term, { op: 'exact' }> | undefined)?.value;
    const level = value('Level') ?? 'system';
    if (level !== 'system' && level !== 'project') throw HarborError.badRequest('bad request error level input');
    const projectId = level === 'project' ? value('ProjectID') : 0;
    if (projectId === undefined) throw HarborError.badRequest('must with project ID when to query project robots');
    const rest = toSql({ terms: query.terms.filter((t) => t.key in COLUMNS) }, COLUMNS, 3);
    const orderBy = `${parseSort(text(params.sort), SORTS, { fallback: '-creation_time' })}, id DESC`;
    const filter = { where: `level = $1 AND project_id = $2 AND visible AND ${rest.where}`, params: [level, projectId, ...rest.params], orderBy };
    const paging = parsePaging({ page: raw(params.page), page_size: raw(params.page_size) });
    return { level, ...(level === 'project' ? { projectId: Number(projectId) } : {}), filter, paging };
  } catch (err) {
    throw err instanceof QueryError ? asHarborError(err) : err;
  }
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[v.length - 1] === 'string' ? (v[v.length - 1] as string) : undefined;
}

function raw(v: unknown): string | readonly string[] | undefined {
  return typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')) ? (v as string | string[]) : undefined;
}

/**
 * HarborError has no 422 code; paging errors are go-swagger validation failures, which Harbor
 * answers with 422 UNPROCESSABLE_ENTITY, so the status and code are set on the instance.
 */
function asHarborError(err: QueryError): HarborError {
  const error = HarborError.badRequest(err.message);
  if (err.status === 422) Object.assign(error, { status: 422, code: 'UNPROCESSABLE_ENTITY' });
  return error;
}
