import { QueryError } from '@harbor-ts/api-query';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { HarborError, harborErrorBody } from './harbor-error';

const NEST_STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'REQUEST_ENTITY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * Every error leaves as Harbor's body. Unexpected ones say only "internal server error"; the
 * detail goes to the log with the request id so an operator can find it.
 */
@Catch()
export class HarborErrorFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const { status, code, message } = this.describe(error, req);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(status).json(harborErrorBody(code, message));
  }

  private describe(error: unknown, req: Request): { status: number; code: string; message: string } {
    if (error instanceof HarborError) return { status: error.status, code: error.code, message: error.message };
    // Bad q=, sort= or paging: 400, or 422 where go-swagger would have refused the parameter.
    if (error instanceof QueryError) return { status: error.status, code: error.code, message: error.message };
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const code = NEST_STATUS_CODES[status];
      if (code) return { status, code, message: nestMessage(error) };
    }
    if (isBodyParserError(error)) return { status: error.status, code: error.status === 413 ? 'REQUEST_ENTITY_TOO_LARGE' : 'BAD_REQUEST', message: `invalid request body: ${error.message}` };
    this.log.error({ err: error, requestId: req.headers['x-request-id'], path: req.originalUrl }, 'unexpected error');
    return { status: 500, code: 'UNKNOWN', message: 'internal server error' };
  }
}

function nestMessage(error: HttpException): string {
  const body = error.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
}

function isBodyParserError(error: unknown): error is { status: number; message: string } {
  const e = error as { type?: unknown; status?: unknown };
  return typeof e?.type === 'string' && typeof e.status === 'number' && e.status >= 400 && e.status < 500;
}
