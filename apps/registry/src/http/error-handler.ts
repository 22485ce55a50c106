import { renderOciError } from '@harbor-ts/oci';
import type { ErrorRequestHandler, Response } from 'express';
import { responseHeadersOf } from './error-headers';
import { state } from './request-context';

/** Headers that describe the exchange rather than the success a handler was preparing. */
const KEPT_HEADERS = new Set(['x-request-id', 'docker-distribution-api-version']);

/**
 * The one place an error becomes a response: status and envelope come from the OCI error
 * table; anything unexpected is logged with the request id and answered as a bare 500.
 * Headers a handler set before failing (ETag, Cache-Control, Docker-Content-Digest...) go,
 * so no cache keeps an error as if it were the blob.
 */
export function errorHandler(): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, body } = renderOciError(err);
    if (status >= 500) state(res).log.error({ err }, 'request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    resetHeaders(res);
    for (const [name, value] of Object.entries(responseHeadersOf(err))) res.setHeader(name, value);
    res.status(status);
    if (req.method === 'HEAD') res.setHeader('Content-Type', 'application/json').end();
    else res.json(body);
  };
}

function resetHeaders(res: Response): void {
  for (const name of res.getHeaderNames()) {
    if (!KEPT_HEADERS.has(name)) res.removeHeader(name);
  }
}
