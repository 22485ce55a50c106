import { OciError } from './errors';

// The distribution spec's list pagination (tags list and catalog): `n` and `last` in the query,
// the next page in a Link header.

export interface PageRequest {
  limit: number;
  last?: string;
}

/** The most a client may ask for with `n`; a larger n is served as this many. */
export const MAX_PAGE_SIZE = 10_000;

/** Reads `n` and `last` as they came in the query; without `n` the caller's `fallback` page size applies. */
export function pageRequest(query: { n?: unknown; last?: unknown }, fallback: number): PageRequest {
  const n = typeof query.n === 'string' ? query.n : undefined;
  const last = typeof query.last === 'string' && query.last !== '' ? query.last : undefined;
  if (n === undefined) return { limit: fallback, last };
  // "n" must be a non-negative integer.
  if (!/^\d+$/.test(n)) throw OciError.of('PAGINATION_NUMBER_INVALID', { n });
  return { limit: Math.min(Number(n), MAX_PAGE_SIZE), last };
}

/** "the Link header ... <url>; rel=\"next\"" pointing at the next page, relative like distribution's. */
export function nextLink(path: string, limit: number, last: string): string {
  return `<${path}?n=${limit}&last=${encodeURIComponent(last)}>; rel="next"`;
}
