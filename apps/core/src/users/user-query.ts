import { type FieldSpec, QueryError, escapeLike, linkHeader, parsePaging, parseQuery, parseSort, toSql } from '@harbor-ts/api-query';
import type { Request } from 'express';
import { HarborError } from '../common/harbor-error';
import type { UserFilter } from './users.repository';

const FIELDS: FieldSpec = {
  user_id: { type: 'int' },
  username: { type: 'string' },
  email: { type: 'string' },
  realname: { type: 'string' },
  sysadmin_flag: { type: 'bool' },
  creation_time: { type: 'time' },
  update_time: { type: 'time' },
};
const COLUMNS = {
  user_id: 'u.user_id',
  username: 'u.username',
  email: 'u.email',
  realname: 'u.realname',
  sysadmin_flag: 'u.sysadmin_flag',
  creation_time: 'u.creation_time',
  update_time: 'u.update_time',
};

export interface ListRequest {
  filter: UserFilter;
  orderBy: string;
  page: number;
  pageSize: number;
  offset: number;
}

// Harbor's user lists leave out the built-in admin (user 1): pkg/user excludes it unless the
// query names user ids.
const NOT_ADMIN = 'u.user_id > 1';

/** GET /users: q, sort, paging, plus the username= and email= fuzzy filters Harbor also reads. */
export function listRequest(req: Request): ListRequest {
  return harborQuery(() => {
    const query = parseQuery(str(req.query.q), FIELDS);
    const sql = toSql(query, COLUMNS);
    const where = [NOT_ADMIN, sql.where];
    const params = [...sql.params];
    for (const key of ['username', 'email'] as const) {
      const value = str(req.query[key]);
      if (!value) continue;
      params.push(`%${escapeLike(value)}%`);
      where.push(`u.${key} ILIKE $${params.length}`);
    }
    const paging = parsePaging({ page: str(req.query.page), page_size: str(req.query.page_size) });
    const orderBy = parseSort(str(req.query.sort), COLUMNS, { fallback: 'user_id' });
    return { filter: { where: where.join(' AND '), params }, orderBy, ...paging };
  });
}

/** GET /users/search: a fuzzy username match, paged. */
export function searchRequest(req: Request): ListRequest {
  return harborQuery(() => {
    const username = str(req.query.username);
    if (username === undefined) throw HarborError.badRequest('username in query is required');
    const paging = parsePaging({ page: str(req.query.page), page_size: str(req.query.page_size) });
    const filter = { where: `${NOT_ADMIN} AND u.username ILIKE $1`, params: [`%${escapeLike(username)}%`] };
    return { filter, orderBy: 'ORDER BY u.user_id ASC', ...paging };
  });
}

export function listLink(req: Request, list: ListRequest, total: number): string {
  return linkHeader(req.path, req.query as Record<string, string | string[]>, list.page, list.pageSize, total);
}

function str(value: unknown): string | undefined {
  if (Array.isArray(value)) return str(value[value.length - 1]);
  return typeof value === 'string' ? value : undefined;
}

// Every query problem is the caller's mistake; HarborError has no 422, so it is a 400.
function harborQuery<T>(build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof QueryError) throw HarborError.badRequest(err.message);
    throw err;
  }
}
