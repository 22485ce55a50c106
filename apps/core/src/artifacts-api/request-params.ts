import { QueryError } from '@harbor-ts/api-query';
import type { Request } from 'express';
import { parseList } from '../projects/list-query';

// go-openapi's swag.ConvertBool spellings.
const TRUE = new Set(['true', '1', 'yes', 'ok', 'y', 'on', 'selected', 'checked', 't', 'enabled']);
const FALSE = new Set(['false', '0', 'no', 'n', 'off', 'f', 'disabled']);

function last(value: unknown): unknown {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** A boolean query parameter; go-swagger refuses other values with 422. */
export function boolParam(req: Request, name: string, fallback: boolean): boolean {
  const raw = last(req.query[name]);
  if (raw === undefined || raw === '') return fallback;
  const value = String(raw).toLowerCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  return parseList(() => {
    throw new QueryError(`validation failure list:\n${name} in query must be of type boolean: "${String(raw)}"`, 'UNPROCESSABLE_ENTITY');
  });
}

/** A required string query parameter (go-swagger: 422 when missing). */
export function requiredParam(req: Request, name: string): string {
  const raw = last(req.query[name]);
  if (typeof raw === 'string' && raw !== '') return raw;
  return parseList(() => {
    throw new QueryError(`validation failure list:\n${name} in query is required`, 'UNPROCESSABLE_ENTITY');
  });
}

/** The request path as received (still percent-encoded), without a trailing slash. */
export function requestPath(req: Request): string {
  return (req.originalUrl.split('?')[0] ?? '').replace(/\/$/, '');
}
