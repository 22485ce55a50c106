import { OciError, parseV2Route, type V2Route } from '@harbor-ts/oci';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { state } from '../http/request-context';
import { requiredAccess } from './access';
import { ANONYMOUS, type TokenAuthenticator } from './auth';
import type { Handler, MethodTable, V2Context } from './context';
import { baseHandlers } from './handlers/base';
import { blobHandlers } from './handlers/blobs';
import { catalogHandlers, referrersHandlers, tagsHandlers } from './handlers/listings';
import { manifestHandlers } from './handlers/manifests';
import { uploadHandlers, uploadsHandlers } from './handlers/uploads';

/** The /v2 API as one table: route shape -> HTTP method -> handler. */
const ROUTES: { [K in V2Route['kind']]: MethodTable<K> } = {
  base: baseHandlers,
  catalog: catalogHandlers,
  tags: tagsHandlers,
  manifest: manifestHandlers,
  blob: blobHandlers,
  uploads: uploadsHandlers,
  upload: uploadHandlers,
  referrers: referrersHandlers,
};

/**
 * Dispatches /v2 requests: parse the path into a route, authenticate against the scope the
 * route needs (when token auth is configured), then call the one handler for route and method.
 */
export function v2Router(ctx: V2Context, auth: TokenAuthenticator | undefined): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Docker-Distribution-API-Version', 'registry/2.0');
    const route = parseV2Route(req.path);
    if (!route) return next(OciError.of('NAME_INVALID', { path: req.path }));
    state(res).route = route.kind;
    const table = ROUTES[route.kind] as MethodTable<typeof route.kind>;
    const handler = table[req.method as keyof typeof table] as Handler<typeof route.kind> | undefined;
    try {
      const principal = auth ? auth.authenticate(req.get('authorization'), requiredAccess(route, req.method)) : ANONYMOUS;
      state(res).actor = principal.name;
      if (!handler) throw OciError.of('UNSUPPORTED', { method: req.method, route: route.kind });
      handler({ ctx, route, req, res, principal }).catch(next);
    } catch (err) {
      next(err);
    }
  };
}
