import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { handlerLabel, type RegistryMetrics } from './metrics';

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

/** Socket byte counters already charged to earlier requests on the same keep-alive connection. */
const counted = new WeakMap<Socket, { read: number; written: number }>();

/**
 * First middleware: a request id (the caller's X-Request-Id when sane, so ids follow a request
 * through the proxy and core), a child logger, and on finish one access-log line plus metrics.
 * Bytes are counted from the socket counters, which costs nothing per chunk: each request is
 * charged what its socket moved since the previous request on that socket finished
 * (a small request arrives in the packet that opened it, before any middleware runs).
 */
export function requestContext(log: Logger, metrics: RegistryMetrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const incoming = req.get('x-request-id');
    const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const socket = req.socket;
    res.setHeader('X-Request-Id', id);
    Object.assign(res.locals, { id, log: log.child({ requestId: id }), route: 'other', actor: '' } satisfies RequestState);
    res.on('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const { route, actor } = state(res);
      const code = res.writableFinished ? String(res.statusCode) : 'aborted';
      const handler = handlerLabel(route);
      metrics.requests.inc({ method: req.method, handler, code });
      metrics.duration.observe({ method: req.method, handler }, seconds);
      const before = counted.get(socket) ?? { read: 0, written: 0 };
      const now = { read: socket.bytesRead, written: socket.bytesWritten };
      counted.set(socket, now);
      metrics.bytesIn.inc({ handler }, Math.max(0, now.read - before.read));
      metrics.bytesOut.inc({ handler }, Math.max(0, now.written - before.written));
      const { log: requestLog } = state(res);
      if (!requestLog.isLevelEnabled('info')) return; // no access-log object built at quieter levels
      requestLog.info({ method: req.method, path: req.originalUrl, status: code, ms: Math.round(seconds * 1000), route, actor }, 'request');
    });
    next();
  };
}
