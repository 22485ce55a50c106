import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { HANDED_OFF } from './handoff';
import { requestIdOf } from './headers';

/** Serves one request and names where it went ("core", "registry", "proxy", "redirect"). */
export type Serve = (req: IncomingMessage, res: ServerResponse, requestId: string) => string;

/**
 * Wraps every listener: a request id (the client's when sane) echoed on every response,
 * including the proxy's own errors, and one access-log line when the exchange ends.
 */
export function withRequestContext(log: Logger, serve: Serve): RequestListener {
  return (req, res) => {
    const requestId = requestIdOf(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', requestId);
    if (!log.isLevelEnabled('info')) {
      serve(req, res, requestId); // no access-log state kept at quieter levels
      return;
    }
    const started = process.hrtime.bigint();
    const socket = req.socket;
    const writtenBefore = socket.bytesWritten;
    const upstream = serve(req, res, requestId);
    res.once('close', () => {
      if (upstream === HANDED_OFF) {
        log.info({ requestId, method: req.method, path: req.url, ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6), upstream }, 'request');
        return; // the registry answers and logs the rest
      }
      log.info(
        {
          requestId,
          method: req.method,
          path: req.url,
          status: res.headersSent ? res.statusCode : null,
          ...(res.writableFinished ? {} : { aborted: true }),
          bytes: socket.bytesWritten - writtenBefore, // what this exchange sent, headers included
          ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
          upstream,
        },
        'request',
      );
    });
  };
}
