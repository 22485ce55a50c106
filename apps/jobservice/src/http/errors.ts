import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ControlError } from '../control';

/** Errors leave in Harbor's body, {"errors":[{code,message}]}, like core's. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
  static badRequest(message: string): HttpError {
    return new HttpError(400, 'BAD_REQUEST', message);
  }
  static notFound(message: string): HttpError {
    return new HttpError(404, 'NOT_FOUND', message);
  }
}

export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ code, message }] });
}

export function errorHandler(log: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    if (err instanceof HttpError || err instanceof ControlError) return sendError(res, err.status, err.code, err.message);
    if ((err as { type?: string }).type === 'entity.parse.failed') return sendError(res, 400, 'BAD_REQUEST', 'invalid JSON body');
    log.error({ err }, 'request failed');
    sendError(res, 500, 'UNKNOWN', 'internal server error');
  };
}
