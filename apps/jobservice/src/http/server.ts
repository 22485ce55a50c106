import { isSecretHeader } from '@harbor-ts/jobs';
import { INTERNAL_METRICS_PATH, metricsHandler } from '@harbor-ts/metrics';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { JobControl } from '../control';
import type { PoolRegistry } from '../pool-registry';
import type { ScheduleMirror } from '../schedules';
import { errorHandler, HttpError, sendError } from './errors';
import { queueAction, queueType, stopAction, submitRequest, taskIdParam } from './validate';

export interface ApiDependencies {
  secret: string;
  control: JobControl;
  pools: PoolRegistry;
  schedules: ScheduleMirror;
  /** Throws when PostgreSQL or Redis cannot be reached. */
  health(): Promise<void>;
  log: Logger;
  /** metric.enabled: served on GET /metrics, outside /api/v1 and its secret (the proxy keeps it internal). */
  metrics?: Registry;
}

/**
 * Jobservice's internal API (/api/v1). Only core calls it, with the shared secret
 * (`Authorization: Harbor-Secret <secret>`); the health check is open for probes.
 */
export function createApi(deps: ApiDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  if (deps.metrics) app.get(INTERNAL_METRICS_PATH, metricsHandler(deps.metrics, (err) => deps.log.error({ err }, 'metrics collection failed')));
  app.get('/api/v1/health', async (_req, res) => {
    await deps.health();
    res.json({ status: 'healthy' });
  });
  app.use('/api/v1', (req: Request, res: Response, next: NextFunction) => {
    if (isSecretHeader(req.headers.authorization, deps.secret)) return next();
    sendError(res, 401, 'UNAUTHORIZED', 'the internal secret is missing or wrong');
  });
  app.post('/api/v1/jobs', async (req, res) => {
    res.status(202).json({ jobId: await deps.control.submit(submitRequest(req.body)) });
  });
  app.post('/api/v1/jobs/:taskId', async (req, res) => {
    stopAction(req.body);
    await deps.control.stop(taskIdParam(req.params.taskId));
    res.status(200).json({});
  });
  app.get('/api/v1/stats', async (_req, res) => {
    res.json({ pools: await deps.pools.pools(), queues: await deps.control.queueStats() });
  });
  app.get('/api/v1/pools', async (_req, res) => {
    res.json(await deps.pools.pools());
  });
  app.get('/api/v1/pools/:poolId/workers', async (req, res) => {
    const workers = await deps.pools.workers(req.params.poolId);
    if (!workers) throw HttpError.notFound(`worker pool ${req.params.poolId} not found`);
    res.json(workers);
  });
  app.get('/api/v1/queues', async (_req, res) => {
    res.json(await deps.control.queueStats());
  });
  app.put('/api/v1/queues/:type', async (req, res) => {
    const type = queueType(req.params.type);
    await deps.control.queueAction(type, queueAction(req.body));
    res.status(200).json({});
  });
  app.get('/api/v1/queues/:type/paused', async (req, res) => {
    res.json({ paused: await deps.control.paused(queueType(req.params.type)) });
  });
  app.post('/api/v1/schedules/sync', async (_req, res) => {
    res.json({ schedules: await deps.schedules.sync() });
  });
  app.use((_req: Request, res: Response) => sendError(res, 404, 'NOT_FOUND', 'not found'));
  app.use(errorHandler(deps.log));
  return app;
}
