import type { RegistryConfig } from '@harbor-ts/config';
import { loadPublicKey } from '@harbor-ts/token';
import { FilesystemDriver, RegistryStore, type StorageDriver } from '@harbor-ts/storage';
import express, { type Express } from 'express';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { Notifier } from './events/notifier';
import { healthHandler } from './health';
import { errorHandler } from './http/error-handler';
import { RegistryMetrics } from './http/metrics';
import { requestContext } from './http/request-context';
import { TokenAuthenticator } from './v2/auth';
import type { V2Context } from './v2/context';
import { v2Router } from './v2/router';

export interface RegistryApp {
  app: Express;
  notifier: Notifier;
  metrics: RegistryMetrics;
  driver: StorageDriver;
}

/**
 * Composes the registry from its configuration slice. Global middleware, in order:
 *   1. request context (request id, logger, access log, metrics)
 *   2. /health and /metrics (no auth: the proxy keeps them internal)
 *   3. /v2 router (route table, token auth per route, handlers)
 *   4. the error renderer
 */
export function createRegistryApp(config: RegistryConfig, log: Logger, options: { processMetrics?: boolean } = {}): RegistryApp {
  const driver = new FilesystemDriver({ rootDirectory: config.storage.rootDirectory });
  const metrics = new RegistryMetrics(options.processMetrics ?? false);
  const notifier = new Notifier(config.notifications, log);
  const ctx: V2Context = {
    store: new RegistryStore(driver),
    notifier,
    eventSource: { addr: `${hostname()}:${config.listen.port}`, instanceID: randomUUID() },
    publicUrl: config.publicUrl,
    deleteEnabled: config.deleteEnabled,
    maxManifestBytes: config.maxManifestBytes,
  };
  const auth = config.auth
    ? new TokenAuthenticator({ ...config.auth, publicKey: loadPublicKey(readFileSync(config.auth.publicKeyFile)) })
    : undefined;

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('trust proxy', 'loopback');
  app.use(requestContext(log, metrics));
  app.get('/health', healthHandler(driver));
  app.get('/metrics', (_req, res, next) => {
    metrics.registry.metrics().then((text) => res.type(metrics.registry.contentType).send(text), next);
  });
  app.use('/v2', v2Router(ctx, auth));
  app.use(errorHandler());
  return { app, notifier, metrics, driver };
}
