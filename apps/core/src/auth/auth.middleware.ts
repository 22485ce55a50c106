import type { NextFunction, Request, Response } from 'express';
import { HarborError, harborErrorBody } from '../common/harbor-error';
import type { Authenticator } from './authenticator';
import { setSecurityContext } from './request-context';
import { SAFE_METHODS } from '../common/safe-methods';

export const CSRF_HEADER = 'x-harbor-csrf-token';

/**
 * Resolves the caller for /api and /c. Wrong Basic credentials are a 401 here (unlike the token
 * service, which falls back to anonymous). A request authenticated by the session cookie must
 * echo the session's CSRF token on unsafe methods; Basic-authenticated scripts need not.
 */
export function authMiddleware(authenticator: Authenticator) {
  return (req: Request, res: Response, next: NextFunction): void => {
    authenticator.authenticate(req).then(
      (auth) => {
        if (auth.rejected) return reject(res, HarborError.unauthorized('invalid credentials'));
        if (auth.session) {
          res.setHeader('X-Harbor-CSRF-Token', auth.session.csrfToken);
          // Logging in again replaces the session, so it needs no token from the old one.
          const relogin = req.method === 'POST' && req.baseUrl + req.path === '/c/login';
          if (!SAFE_METHODS.has(req.method) && !relogin && req.headers[CSRF_HEADER] !== auth.session.csrfToken) {
            return reject(res, HarborError.forbidden('CSRF token invalid'));
          }
        }
        setSecurityContext(req, auth.ctx);
        next();
      },
      (err: unknown) => next(err),
    );
  };
}

function reject(res: Response, error: HarborError): void {
  res.status(error.status).json(harborErrorBody(error.code, error.message));
}
