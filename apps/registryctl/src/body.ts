import { CtlError } from './errors';

/** Reads `body[key]` as an array of at most `max` items, or answers 400. */
export function arrayField(body: unknown, key: string, max: number): unknown[] {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  if (!Array.isArray(value)) throw new CtlError(400, 'BAD_REQUEST', `"${key}" must be an array`);
  if (value.length > max) throw new CtlError(400, 'BAD_REQUEST', `"${key}" holds ${value.length} items, at most ${max} are accepted per request`);
  return value;
}

export function stringOf(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new CtlError(400, 'BAD_REQUEST', `${what} must be a string`);
  return value;
}
