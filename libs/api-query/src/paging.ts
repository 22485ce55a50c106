// page / page_size, as Harbor's swagger declares them (page: int64, default 1; page_size:
// int64, default 10, maximum 100). go-swagger validates before the handler runs and Harbor
// renders its failures as 422 UNPROCESSABLE_ENTITY with go-openapi's messages, e.g.
// "validation failure list:\npage_size in query should be less than or equal to 100".
import { QueryError } from './errors';

/** A raw query value: absent, a string, a number, or repeated (the last one counts, as in go-swagger). */
export type RawParam = string | number | readonly string[] | null | undefined;

export interface PagingOptions {
  defaultSize: number;
  maxSize: number;
}

export interface Paging {
  page: number;
  pageSize: number;
  offset: number;
  limit: number;
}

const invalid = (detail: string) => new QueryError(`validation failure list:\n${detail}`, 'UNPROCESSABLE_ENTITY');

/**
 * Missing or empty values take the defaults. 0 also means the default: Harbor would skip
 * the OFFSET (page 0) or return every row (page_size 0), and an unbounded list is not worth
 * mirroring. Negative values and page_size above the maximum are refused.
 */
export function parsePaging(
  input: { page?: RawParam; page_size?: RawParam },
  options: PagingOptions = { defaultSize: 10, maxSize: 100 },
): Paging {
  const page = toInt('page', input.page) || 1;
  const pageSize = toInt('page_size', input.page_size) || options.defaultSize;
  if (page < 0) throw invalid('page in query should be greater than or equal to 0');
  if (pageSize < 0) throw invalid('page_size in query should be greater than or equal to 0');
  if (pageSize > options.maxSize) throw invalid(`page_size in query should be less than or equal to ${options.maxSize}`);
  const offset = (page - 1) * pageSize;
  if (!Number.isSafeInteger(offset)) throw invalid(`page in query must be of type int64: "${page}"`);
  return { page, pageSize, offset, limit: pageSize };
}

/** 0 for absent/empty; strconv.ParseInt's syntax (optional sign, decimal digits) otherwise. */
function toInt(name: string, raw: RawParam): number {
  const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (value === undefined || value === null || value === '') return 0;
  const n = typeof value === 'number' ? value : /^[+-]?\d+$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw invalid(`${name} in query must be of type int64: "${String(value)}"`);
  return n;
}
