import { renderOciError } from '@harbor-ts/oci';
import type { ErrorRequestHandler } from 'express';
import { challengeOf } from '../v2/auth';
import { state } from './request-context';

/**
 * The one place an error becomes a response: status and envelope come from the OCI error
 * table; anything unexpected is logged with the request id and answered as a bare 500.
 */
export function errorHandler(): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, body } = renderOciError(err);
    if (status >= 500) state(res).log.error({ err }, 'request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const challenge = challengeOf(err);
    if (challenge) res.setHeader('WWW-Authenticate', challenge);
    res.status(status);
    if (req.method === 'HEAD') res.setHeader('Content-Type', 'application/json').end();
    else res.json(body);
  };
}
