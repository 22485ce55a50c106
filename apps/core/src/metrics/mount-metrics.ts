import { collectProcessMetrics, EXPORTER_METRICS_PATH, INTERNAL_METRICS_PATH, metricsHandler } from '@harbor-ts/metrics';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { CoreMetrics } from './core-metrics';
import { coreOperation } from './core-operation';
import { ExporterRegistry } from './exporter/exporter-registry';

/**
 * metric.enabled: counts every request to core, with the process's own figures, (first middleware, so /v2 streams are timed to
 * their end) and serves GET /metrics (core's) and GET /exporter/metrics (the exporter's) on
 * core's internal port. The proxy only forwards /v2, /service, /api and /c here, so both stay
 * internal; its metric port relays them.
 */
export function mountMetrics(app: NestExpressApplication, log: Logger): void {
  const core = app.get(CoreMetrics);
  collectProcessMetrics(core.registry);
  const exporter = app.get(ExporterRegistry);
  const onError = (err: unknown) => log.error({ err }, 'metrics collection failed');
  const server = app.getHttpAdapter().getInstance() as Express;
  app.use(core.http.middleware(coreOperation));
  server.get(INTERNAL_METRICS_PATH, metricsHandler(core.registry, onError));
  server.get(EXPORTER_METRICS_PATH, metricsHandler(exporter.registry, onError));
}
