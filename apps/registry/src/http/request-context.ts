import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RegistryMetrics } from './metrics';

/** Per-request state the handlers and the access log share. */
export interface RequestState {
  id: string;
  log: Logger;
  /** The route label for metrics and logs ("manifest", "blob", ...). */
  route: string;
  actor: string;
}

export function state(res: Response): RequestState {
  return res.locals as RequestState;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * First middleware: a request id (the caller's X-Request-Id when sane, so ids follow a request
 * through the proxy and core), a child logger, and on finish one access-log line plus metrics.
 * Bytes are counted from the socket counters, which costs nothing per chunk.
 */
export function requestContext(log: Logger, metrics: RegistryMetrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const incoming = req.get('x-request-id');
    const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const socket = req.socket;
    const readBefore = socket.bytesRead;
    const writtenBefore = socket.bytesWritten;
    res.setHeader('X-Request-Id', id);
    Object.assign(res.locals, { id, log: log.child({ requestId: id }), route: 'other', actor: '' } satisfies RequestState);
    res.on('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const { route, actor } = state(res);
      const code = res.writableFinished ? String(res.statusCode) : 'aborted';
      metrics.requests.inc({ method: req.method, route, code });
      metrics.duration.observe({ method: req.method, route }, seconds);
      metrics.bytesIn.inc({ route }, Math.max(0, socket.bytesRead - readBefore));
      metrics.bytesOut.inc({ route }, Math.max(0, socket.bytesWritten - writtenBefore));
      const line = { method: req.method, path: req.originalUrl, status: code, ms: Math.round(seconds * 1000), route, actor };
      state(res).log.info(line, 'request');
    });
    next();
  };
}
