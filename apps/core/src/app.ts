import 'reflect-metadata';
import type { CoreConfig } from '@harbor-ts/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { authMiddleware } from './auth/auth.middleware';
import { Authenticator } from './auth/authenticator';
import { BootstrapService } from './bootstrap/bootstrap.service';
import { ensureInternalSecret } from '@harbor-ts/jobs';
import { ensureTokenKeys } from './bootstrap/token-keys';
import { HarborErrorFilter } from './common/error.filter';
import { readOnlyMiddleware } from './common/read-only.middleware';
import { ConfigurationsService } from './configurations/configurations.service';
import { requestId } from './common/request-id';
import { createDataSource, runMigrations } from './db/data-source';
import { ensureDatabase } from './db/ensure-database';
import { mountOpenApi } from './openapi/openapi.document';
import type { CoreDependencies } from './shared.module';
import { V2Router } from './v2/v2.router';
import { mountMetrics } from './metrics/mount-metrics';

export interface CoreApp {
  app: NestExpressApplication;
  deps: CoreDependencies;
  close(): Promise<void>;
}

/**
 * Builds core: database (migrated), Redis, token keys, then the Nest application. Middleware
 * order, outermost first:
 *   1. request id (echo the proxy's, or make one); with metric.enabled, request metrics and
 *      the internal /metrics and /exporter/metrics
 *   2. /v2 chain (streams bodies; no body parser before it)
 *   3. JSON body parser for /api, /c and /service
 *   4. authentication for /api and /c (401 on bad credentials, CSRF for session writes), then
 *      the read_only switch (403 DENIED for writes)
 *   5. Nest controllers, errors rendered as Harbor's body by HarborErrorFilter
 */
export async function createCoreApp(config: CoreConfig, log: Logger): Promise<CoreApp> {
  const deps = await connect(config, log);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(deps), { bodyParser: false, logger: false });
  app.set('trust proxy', 'loopback');
  app.set('etag', false);
  app.use(requestId);
  if (config.metricsEnabled) mountMetrics(app, log); // request metrics, GET /metrics, GET /exporter/metrics
  app.use('/v2', app.get(V2Router).middleware());
  app.use(['/api', '/c', '/service'], express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] }));
  app.use(['/api', '/c'], authMiddleware(app.get(Authenticator)));
  app.use(['/api', '/c'], readOnlyMiddleware(app.get(ConfigurationsService)));
  app.useGlobalFilters(new HarborErrorFilter(log));
  await app.init();
  mountOpenApi(app);
  await app.get(BootstrapService).run();
  return {
    app,
    deps,
    async close() {
      await app.close();
      await deps.redis.quit().catch(() => undefined);
      await deps.db.destroy().catch(() => undefined);
    },
  };
}

async function connect(config: CoreConfig, log: Logger): Promise<CoreDependencies> {
  if (await ensureDatabase(config.database)) log.info({ database: config.database.database }, 'created the database');
  const db = createDataSource(config.database, config.log.sql);
  await db.initialize();
  const applied = await runMigrations(db);
  if (applied.length > 0) log.info({ migrations: applied }, 'database migrated');
  const redis = new Redis({
    host: config.redis.host,
    port: config.redis.port,
    db: config.redis.db,
    keyPrefix: config.redis.keyPrefix,
    ...(config.redis.username ? { username: config.redis.username } : {}),
    ...(config.redis.password ? { password: config.redis.password } : {}),
    maxRetriesPerRequest: 3,
  });
  await redis.ping();
  const keys = await ensureTokenKeys(config.token.privateKeyFile, config.token.certificateFile);
  await ensureInternalSecret(config.internalSecretFile); // jobservice and registryctl read it
  return { config, log, db, redis, keys };
}
