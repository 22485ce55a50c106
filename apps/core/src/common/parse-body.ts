import type { z } from 'zod';
import { HarborError } from './harbor-error';

/** Parses a JSON request body against a schema, or throws 400 naming the first offending field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw HarborError.badRequest('invalid request body: a JSON object is required');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  const what = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message;
  throw HarborError.badRequest(`invalid request body: ${where}${what}`);
}
