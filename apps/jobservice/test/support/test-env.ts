import type { JobserviceConfig } from '@harbor-ts/config';
import { ensureInternalSecret, ExecutionStore, type JobType, JobServiceClient, ScheduleStore, type SqlDatabase, type TaskRecord } from '@harbor-ts/jobs';
import { Redis } from 'ioredis';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import pino from 'pino';
import { createDataSource, runMigrations } from '../../../core/src/db/data-source';
import { createTestDatabase, type TestDatabase } from '../../../core/test/support/test-database';
import { createPool, poolDatabase } from '../../src/db';
import type { HandlerRegistry } from '../../src/handlers';
import { createJobService, type JobService } from '../../src/service';
import type { Tuning } from '../../src/tuning';
import { FAST } from './fast-tuning';

export { FAST };

/**
 * A migrated database of its own, a Redis key prefix of its own and the internal secret: what
 * a jobservice under test runs against. Services started through it are closed by `stop`.
 */
export interface JobsTestEnv {
  config: JobserviceConfig;
  secret: string;
  pg: Pool;
  db: SqlDatabase;
  store: ExecutionStore;
  schedules: ScheduleStore;
  redis: Redis;
  start(handlers: HandlerRegistry, tuning?: Partial<Tuning>): Promise<JobService>;
  client(service: JobService): JobServiceClient;
  /** Records an execution with one task and submits it. */
  launch(service: JobService, type: JobType, params?: Record<string, unknown>, attempts?: number): Promise<{ executionId: number; taskId: number }>;
  waitForTask(taskId: number, done: (task: TaskRecord) => boolean, timeoutMs?: number): Promise<TaskRecord>;
  stop(): Promise<void>;
}

export async function createJobsTestEnv(overrides: Partial<JobserviceConfig> = {}): Promise<JobsTestEnv> {
  const database: TestDatabase = await createTestDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'jobservice-test-'));
  const config: JobserviceConfig = {
    listen: { host: '127.0.0.1', port: 0 },
    database: { host: '127.0.0.1', port: 5432, database: database.name, user: 'postgres', password: '', ssl: false, poolMax: 5, idleTimeoutMs: 10_000 },
    redis: { host: '127.0.0.1', port: 6379, db: 0, keyPrefix: `test:${database.name}:` },
    maxJobWorkers: 2,
    maxJobDurationMs: 60_000,
    jobLoggers: ['DB'],
    logRetentionMs: 86_400_000,
    jobLogDirectory: join(dir, 'job_logs'),
    webhook: { maxRetry: 3, timeoutMs: 3_000 },
    registryctlUrl: 'http://127.0.0.1:1',
    coreUrl: 'http://127.0.0.1:1',
    internalSecretFile: join(dir, 'secret', 'internal', 'secret'),
    uploadPurgingAgeMs: 0,
    log: { level: 'error' },
    ...overrides,
  };
  const ds = createDataSource(config.database);
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
  const secret = await ensureInternalSecret(config.internalSecretFile);
  const pg = createPool(config.database, pino({ level: 'silent' }));
  const db = poolDatabase(pg);
  const store = new ExecutionStore(db);
  const redis = new Redis({ host: config.redis.host, port: config.redis.port, db: config.redis.db });
  const services: JobService[] = [];
  const env: JobsTestEnv = {
    config,
    secret,
    pg,
    db,
    store,
    schedules: new ScheduleStore(db),
    redis,
    async start(handlers, tuning = {}) {
      const service = createJobService(config, pino({ level: 'silent' }), handlers, { ...FAST, ...tuning });
      await service.start();
      services.push(service);
      return service;
    },
    client: (service) => new JobServiceClient(async () => ({ url: service.url, secret })),
    async launch(service, type, params = {}, attempts) {
      const { executionId, taskIds } = await store.create(type, { vendorId: -1, trigger: 'MANUAL' }, 1);
      await env.client(service).submit({ type, executionId, taskId: taskIds[0], params, ...(attempts ? { attempts } : {}) });
      return { executionId, taskId: taskIds[0] };
    },
    waitForTask: (taskId, done, timeoutMs = 15_000) => waitFor(async () => {
      const task = await store.task(taskId);
      return task && done(task) ? task : undefined;
    }, timeoutMs, `task ${taskId}`),
    async stop() {
      for (const s of services) await s.close(1_000).catch(() => undefined);
      await dropKeys(redis, config.redis.keyPrefix);
      redis.disconnect();
      await pg.end();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return env;
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const ended = (t: TaskRecord): boolean => ['Success', 'Error', 'Stopped'].includes(t.status);

async function dropKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
