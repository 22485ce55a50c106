import type { JobserviceConfig } from '@harbor-ts/config';
import { ExecutionStore, JOB_TYPES, type JobType, readInternalSecret, ScheduleStore } from '@harbor-ts/jobs';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { JobControl } from './control';
import { createPool, patientDatabase, poolDatabase } from './db';
import type { HandlerRegistry } from './handlers';
import { createApi } from './http/server';
import { JobLogFiles } from './job-log-files';
import { JobMetrics } from './metrics';
import { WorkerPool } from './pool';
import { PoolRegistry } from './pool-registry';
import { JobQueues, jobsPrefix, redisOptions } from './queues';
import { type JobData, type TaskJobData, TaskRunner } from './runner';
import { ScheduleMirror } from './schedules';
import { StopSignals } from './stop-signals';
import { DEFAULT_TUNING, type Tuning } from './tuning';

export interface JobService {
  start(): Promise<void>;
  /** Stops taking jobs, lets running ones finish for up to `graceMs`, then lets go of the rest. */
  close(graceMs?: number): Promise<void>;
  /** The listening port (known after start; config port 0 picks a free one). */
  readonly port: number;
  readonly url: string;
}

const SWEEP_MS = 3_600_000;

/**
 * Jobservice: one BullMQ queue and worker per job type on Redis, sharing this process's pool of
 * max_job_workers slots; executions, tasks and logs in PostgreSQL; schedules mirrored from the
 * schedule table; the internal HTTP API core calls.
 */
export function createJobService(config: JobserviceConfig, log: Logger, handlers: HandlerRegistry, tuning: Partial<Tuning> = {}): JobService {
  const timing: Tuning = { ...DEFAULT_TUNING, ...tuning };
  const pg = createPool(config.database, log);
  const db = poolDatabase(pg);
  const store = new ExecutionStore(db);
  const scheduleStore = new ScheduleStore(db);
  const prefix = jobsPrefix(config.redis);
  const redis = new Redis(redisOptions(config.redis, { keyPrefix: `${prefix}:`, maxRetriesPerRequest: 3 }));
  const subscriber = new Redis(redisOptions(config.redis));
  const queues = new JobQueues(config.redis, log);
  const stops = new StopSignals(redis, subscriber, `${prefix}:stop`, log);
  const registry = new PoolRegistry(redis);
  const pool = new WorkerPool(config.maxJobWorkers, registry, log);
  const control = new JobControl(queues, store, stops, handlers, config, timing);
  const enqueue = async (type: JobType, data: TaskJobData) => void (await control.enqueue(type, data));
  const metrics = config.metricsEnabled ? new JobMetrics() : undefined;
  metrics?.pool(pool.info);
  const logFiles = new JobLogFiles(config.jobLogDirectory);
  // A run's records wait out a PostgreSQL restart, so a task never stays Running for want of its last write.
  const runStore = new ExecutionStore(patientDatabase(db, log));
  const runner = new TaskRunner({ config, store: runStore, schedules: scheduleStore, handlers, pool, stops, enqueue, logFiles, log, metrics });
  const mirror = new ScheduleMirror(scheduleStore, queues, handlers, config, timing, log);
  const workers: Worker[] = [];
  let server: Server | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  let port = config.listen.port;

  function startWorkers(): void {
    for (const type of JOB_TYPES) {
      const worker = new Worker<JobData>(type, runner.processor(type), {
        connection: redisOptions(config.redis, { maxRetriesPerRequest: null }),
        prefix,
        // Jobs past the pool's slots wait inside the processor, so BullMQ may hand out that many.
        concurrency: config.maxJobWorkers,
        lockDuration: timing.lockDurationMs,
        stalledInterval: timing.stalledIntervalMs,
        maxStalledCount: 2,
      });
      worker.on('failed', (job, err) => void recordLostJob(job?.data, err));
      worker.on('error', (err) => log.error({ err, queue: type }, 'worker error'));
      workers.push(worker);
    }
  }

  /** A job BullMQ failed without our processor recording it (it stalled too often): end its task. */
  async function recordLostJob(data: JobData | undefined, err: Error): Promise<void> {
    if (!data || !('taskId' in data)) return;
    const task = await store.task(data.taskId).catch(() => undefined);
    if (task?.status === 'Running') await store.finish(task.id, 'Error', err.message).catch(() => undefined);
  }

  async function sweepLogs(): Promise<void> {
    await store.sweepLogs(config.logRetentionMs).catch((err: unknown) => log.warn({ err }, 'job log sweep failed'));
    await logFiles.sweep(config.logRetentionMs).catch((err: unknown) => log.warn({ err }, 'job log file sweep failed'));
  }

  return {
    get port() {
      return port;
    },
    get url() {
      return `http://${config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host}:${port}`;
    },
    async start() {
      const secret = await readInternalSecret(config.internalSecretFile);
      await pg.query('SELECT 1');
      await stops.start();
      await pool.start();
      await mirror.sync();
      startWorkers();
      await sweepLogs();
      sweeper = setInterval(() => void sweepLogs(), SWEEP_MS);
      sweeper.unref();
      const api = createApi({ secret, control, pools: registry, schedules: mirror, log, metrics: metrics?.registry, health: async () => void (await Promise.all([pg.query('SELECT 1'), redis.ping(), queues.ping()])) });
      server = await new Promise<Server>((resolve, reject) => {
        const s = api.listen(config.listen.port, config.listen.host, () => resolve(s)).once('error', reject);
      });
      port = (server.address() as AddressInfo).port;
      log.info({ address: this.url, workers: config.maxJobWorkers }, 'jobservice listening');
    },
    async close(graceMs = 10_000) {
      clearInterval(sweeper);
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server?.closeAllConnections();
      const graceful = Promise.all(workers.map((w) => w.close()));
      const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
      if ((await Promise.race([graceful, timer])) === 'timeout') await Promise.all(workers.map((w) => w.close(true)));
      await pool.close();
      await stops.close();
      await queues.close();
      await redis.quit().catch(() => undefined);
      await pg.end().catch(() => undefined);
    },
  };
}
