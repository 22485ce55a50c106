import type { NextFunction, Request, Response } from 'express';
import type { ConfigurationsService } from '../configurations/configurations.service';
import { harborErrorBody } from './harbor-error';
import { SAFE_METHODS } from './safe-methods';

export const READ_ONLY_MESSAGE = 'The system is in read only mode. Any modification is prohibited.';


/** What stays writable in read-only mode: turning it off again, and logging in and out. */
function exempt(req: Request): boolean {
  const path = req.baseUrl + req.path;
  return path === '/api/v2.0/configurations' || path === '/c/login' || path === '/c/log_out';
}

/**
 * Harbor's read_only setting: every write through the API answers 403 DENIED (the /v2 chain
 * applies the same rule to pushes and deletes) until an administrator sets it back.
 */
export function readOnlyMiddleware(settings: ConfigurationsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method) || exempt(req)) return next();
    settings.readOnly().then(
      (readOnly) => (readOnly ? void res.status(403).json(harborErrorBody('DENIED', READ_ONLY_MESSAGE)) : next()),
      (err: unknown) => next(err),
    );
  };
}
