import { isOciError } from '@harbor-ts/oci';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';

/** An error with the status and Harbor code it is answered with. */
export class CtlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CtlError';
  }
}

/** Harbor's envelope, {"errors":[{code,message}]}; bad names and digests are 400, the rest 500 without detail. */
export function errorRenderer(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, code, message } = describe(err);
    if (status >= 500) log.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(status).json({ errors: [{ code, message }] });
  };
}

function describe(err: unknown): { status: number; code: string; message: string } {
  if (err instanceof CtlError) return err;
  if (isOciError(err) && (err.code === 'DIGEST_INVALID' || err.code === 'NAME_INVALID')) {
    return { status: 400, code: 'BAD_REQUEST', message: `${err.code === 'NAME_INVALID' ? 'invalid repository name' : 'invalid digest'}: ${JSON.stringify(err.detail)}` };
  }
  const body = err as { type?: string; status?: number };
  if (body?.type === 'entity.parse.failed') return { status: 400, code: 'BAD_REQUEST', message: 'the body is not valid JSON' };
  if (body?.type === 'entity.too.large') return { status: 413, code: 'BAD_REQUEST', message: 'the body is too large' };
  return { status: 500, code: 'UNKNOWN', message: 'internal server error' };
}
