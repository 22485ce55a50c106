import type { IncomingMessage, ServerResponse } from 'node:http';
import { isV2Path } from './routes';

/** The only answers the proxy writes itself; every other response is an upstream's. */
const ERRORS = {
  notFound: { status: 404, code: 'NOT_FOUND', message: 'not found' },
  badRequest: { status: 400, code: 'BAD_REQUEST', message: 'invalid request path' },
  unavailable: { status: 502, code: 'UNKNOWN', message: 'upstream unavailable' },
} as const;

export type ProxyError = keyof typeof ERRORS;

/**
 * Writes Harbor's error body `{"errors":[{"code","message"}]}`. Under /v2 the same envelope is
 * the OCI one, which also carries `detail`. X-Request-Id was set before routing and stays.
 */
export function sendError(req: IncomingMessage, res: ServerResponse, kind: ProxyError, detail?: unknown): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const { status, code, message } = ERRORS[kind];
  const oci = isV2Path(req.url ?? '');
  const error = oci && detail !== undefined ? { code, message, detail } : { code, message };
  const body = Buffer.from(JSON.stringify({ errors: [error] }));
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  if (oci) res.setHeader('Docker-Distribution-Api-Version', 'registry/2.0');
  res.end(req.method === 'HEAD' ? undefined : body);
}
