import { Inject, Injectable } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import { OciError, parseV2Route, renderOciError } from '@harbor-ts/oci';
import { challengeHeader } from '@harbor-ts/token';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { READ_ONLY_MESSAGE } from '../common/read-only.middleware';
import { ConfigurationsService } from '../configurations/configurations.service';
import { CORE_CONFIG, LOGGER } from '../tokens';
import { ListingsHandler } from './listings.handler';
import { ManifestsHandler } from './manifests.handler';
import { UploadsHandler } from './uploads.handler';
import { actionsFor, ChallengeError, type RepositoryRoute, V2Access } from './v2-access';
import { type V2Caller, V2CallerResolver } from './v2-caller';

/**
 * The /v2 chain in core, in order: resolve the caller (token, Basic, anonymous); authorise the
 * route (project must exist, RBAC or token scope); the read_only switch for writes; policy
 * checks (immutability, quota) inside
 * the handlers that write; forward to the registry; record artifacts and pulls.
 */
@Injectable()
export class V2Router {
  constructor(
    private readonly callers: V2CallerResolver,
    private readonly access: V2Access,
    private readonly manifests: ManifestsHandler,
    private readonly uploads: UploadsHandler,
    private readonly listings: ListingsHandler,
    private readonly settings: ConfigurationsService,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  middleware() {
    return (req: Request, res: Response, _next: NextFunction): void => {
      res.setHeader('Docker-Distribution-API-Version', 'registry/2.0');
      this.handle(req, res).catch((err: unknown) => this.fail(req, res, err));
    };
  }

  private async handle(req: Request, res: Response): Promise<void> {
    const route = parseV2Route(req.path);
    const caller = await this.callers.resolve(req);
    if (!route) throw OciError.of('NAME_INVALID', { path: req.path });
    if (route.kind === 'base') {
      if (!this.access.isAuthenticated(caller)) throw new ChallengeError('', caller.kind === 'rejected' ? 'invalid_token' : undefined);
      res.json({});
      return;
    }
    if (route.kind === 'catalog') {
      if (this.access.canReadCatalog(caller)) return this.listings.catalog(req, res);
      if (!this.access.isAuthenticated(caller)) throw new ChallengeError('registry:catalog:*');
      throw OciError.of('DENIED', undefined, 'requested access to the resource is denied');
    }
    return this.repository(req, res, route, caller);
  }

  private async repository(req: Request, res: Response, route: RepositoryRoute, caller: V2Caller): Promise<void> {
    const project = await this.access.authorizeRepository(caller, route.name, actionsFor(route, req.method));
    if (req.method !== 'GET' && req.method !== 'HEAD' && (await this.settings.readOnly())) {
      throw OciError.of('DENIED', undefined, READ_ONLY_MESSAGE);
    }
    const username = caller.kind === 'token' ? caller.claims.sub : caller.kind === 'context' ? caller.ctx.name : 'anonymous';
    switch (route.kind) {
      case 'tags':
        return this.listings.tags(req, res, route.name);
      case 'manifest': {
        const m = { req, res, project, name: route.name, reference: route.reference, username };
        if (req.method === 'PUT') return this.manifests.write(m);
        if (req.method === 'DELETE') return this.manifests.remove(m);
        if (req.method === 'GET' || req.method === 'HEAD') return this.manifests.read(m);
        return this.uploads.passThrough(req, res, route.name);
      }
      case 'uploads': {
        // A mount source the caller may not pull from is dropped: core's token to the registry then
        // omits it, and the registry falls back to a plain upload, as the spec says.
        const from = typeof req.query.from === 'string' && req.query.mount ? req.query.from : undefined;
        const readable = from ? await this.access.authorizeRepository(caller, from, ['pull']).then(() => from, () => undefined) : undefined;
        return req.method === 'POST' ? this.uploads.start(req, res, { project, name: route.name, username }, readable) : this.uploads.passThrough(req, res, route.name);
      }
      case 'upload':
        return req.method === 'PUT' ? this.uploads.complete(req, res, { project, name: route.name, username }, route.uuid) : this.uploads.passThrough(req, res, route.name);
      default:
        return this.uploads.passThrough(req, res, route.name);
    }
  }

  private fail(req: Request, res: Response, err: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof ChallengeError) {
      res.setHeader('WWW-Authenticate', challengeHeader({ realm: this.realm(req), service: this.config.token.service, scope: err.scope, error: err.error }));
      res.status(401).json({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail: err.scope ? [{ Type: 'repository', Name: err.scope }] : undefined }] });
      return;
    }
    if (!(err instanceof OciError)) this.log.error({ err, requestId: req.headers['x-request-id'], path: req.originalUrl }, 'v2 request failed');
    const { status, body } = renderOciError(err);
    res.status(status).json(body);
  }

  /** Where clients fetch tokens: external_url when set, else the address the client used. */
  private realm(req: Request): string {
    if (this.config.publicUrl) return `${this.config.publicUrl}/service/token`;
    const host = String(req.headers['x-forwarded-host'] ?? req.headers.host ?? 'localhost').split(',')[0].trim();
    const proto = String(req.headers['x-forwarded-proto'] ?? req.protocol).split(',')[0].trim();
    return `${proto}://${host}/service/token`;
  }
}
