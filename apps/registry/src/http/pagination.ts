import { OciError } from '@harbor-ts/oci';
import type { Request } from 'express';

export interface PageRequest {
  limit: number;
  last?: string;
}

/** The most a client may ask for with `n`; a larger n is served as this many. */
export const MAX_PAGE_SIZE = 10_000;

/** Reads `n` and `last`. "n" must be a non-negative integer; without it the caller's `fallback` page size applies. */
export function pageRequest(req: Request, fallback: number): PageRequest {
  const n = typeof req.query.n === 'string' ? req.query.n : undefined;
  const last = typeof req.query.last === 'string' && req.query.last !== '' ? req.query.last : undefined;
  if (n === undefined) return { limit: fallback, last };
  if (!/^\d+$/.test(n)) throw OciError.of('PAGINATION_NUMBER_INVALID', { n });
  return { limit: Math.min(Number(n), MAX_PAGE_SIZE), last };
}

/** "the Link header ... <url>; rel=\"next\"" pointing at the next page, relative like distribution's. */
export function nextLink(path: string, limit: number, last: string): string {
  return `<${path}?n=${limit}&last=${encodeURIComponent(last)}>; rel="next"`;
}
