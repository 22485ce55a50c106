import { type FieldSpec, QueryError, type Paging, parsePaging, parseQuery, parseSort, type Query, linkHeader } from '@harbor-ts/api-query';
import type { Request, Response } from 'express';
import { HarborError } from '../common/harbor-error';

/**
 * api-query's QueryError as a HarborError: q/sort problems are 400 BAD_REQUEST, paging ones
 * 422 UNPROCESSABLE_ENTITY (go-swagger's validation), a code HarborError's table lacks, so the
 * status and code are carried over from the QueryError itself.
 */
class ListQueryError extends HarborError {
  constructor(error: QueryError) {
    super('BAD_REQUEST', error.message);
    Object.defineProperty(this, 'status', { value: error.status });
    Object.defineProperty(this, 'code', { value: error.code });
  }
}

/** Runs an api-query parser, turning its QueryError into the Harbor error body. */
export function parseList<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof QueryError) throw new ListQueryError(err);
    throw err;
  }
}

export interface ListRequest {
  query: Query;
  orderBy: string;
  paging: Paging;
}

/** q, sort and paging of one list request, validated against the endpoint's whitelists. */
export function listRequest(req: Request, fields: FieldSpec, sorts: Readonly<Record<string, string>>, fallbackSort: string): ListRequest {
  const params = req.query as Record<string, string | undefined>;
  return parseList(() => ({
    query: parseQuery(params.q, fields),
    orderBy: parseSort(params.sort, sorts, { fallback: fallbackSort }),
    paging: parsePaging({ page: params.page, page_size: params.page_size }),
  }));
}

/** X-Total-Count and Link, as every Harbor list response carries them. */
export function setListHeaders(req: Request, res: Response, paging: Paging, total: number): void {
  res.setHeader('X-Total-Count', String(total));
  const link = linkHeader(req.baseUrl + req.path, req.query as Record<string, string>, paging.page, paging.pageSize, total);
  if (link) res.setHeader('Link', link);
}
