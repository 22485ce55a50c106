import { collectProcessMetrics, HttpMetrics, INTERNAL_METRICS_PATH, metricsHandler, routeTemplate } from '@harbor-ts/metrics';
import { FilesystemDriver, type StorageDriver } from '@harbor-ts/storage';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { blobRoutes } from './blob-routes';
import { errorRenderer } from './errors';
import { manifestRoutes } from './manifest-routes';
import { secretAuth } from './secret-auth';
import { uploadRoutes } from './upload-routes';

export interface RegistryctlOptions {
  rootDirectory: string;
  secret: string;
  log: Logger;
  /** metric.enabled: harbor_registryctl_http_* on GET /metrics (no secret: the proxy keeps it internal). */
  metrics?: boolean;
}

/**
 * registryctl: Harbor's internal API over the registry's storage, used by GC. In order:
 *   0. with metrics, request metrics and GET /metrics
 *   1. GET /api/health (no secret: probes)
 *   2. the shared secret on everything else
 *   3. JSON bodies, then blob, manifest and upload routes
 *   4. the error renderer (Harbor's envelope)
 */
export function createRegistryctlApp(options: RegistryctlOptions): { app: Express; driver: StorageDriver } {
  const driver = new FilesystemDriver({ rootDirectory: options.rootDirectory });
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  if (options.metrics) mountMetrics(app, options.log);
  app.get('/api/health', (_req, res) => {
    driver.stat('/').then(
      () => res.json({ status: 'healthy' }),
      () => res.status(503).json({ status: 'unhealthy', message: 'storage root is not readable' }),
    );
  });
  app.use(secretAuth(options.secret));
  app.use(express.json({ limit: '4mb' }));
  app.use(blobRoutes(driver));
  app.use(manifestRoutes(driver));
  app.use(uploadRoutes(driver));
  app.use((req, res) => {
    res.status(404).json({ errors: [{ code: 'NOT_FOUND', message: `no route ${req.method} ${req.path}` }] });
  });
  app.use(errorRenderer(options.log));
  return { app, driver };
}

function mountMetrics(app: Express, log: Logger): void {
  const registry = new Registry();
  collectProcessMetrics(registry);
  app.use(new HttpMetrics(registry, 'registryctl').middleware(routeTemplate));
  app.get(INTERNAL_METRICS_PATH, metricsHandler(registry, (err) => log.error({ err }, 'metrics collection failed')));
}
