import { type DatabaseConfig, databaseConfig, type RedisConfig, redisConfig } from './core-config';
import { join, resolve } from 'node:path';
import { deepFreeze } from './freeze';
import type { HarborConfig } from './load';
import { internalSecretFile, internalUrls } from './paths';
import { type LogLevel, logLevel } from './registry-config';
import { parseDuration } from './units';

/** The jobservice's view: BullMQ on Redis, executions in PostgreSQL, registryctl for GC. */
export interface JobserviceConfig {
  listen: { host: string; port: number };
  database: DatabaseConfig;
  /** keyPrefix is core's redis_key_prefix; BullMQ queues live under `${keyPrefix}jobs`. */
  redis: RedisConfig;
  maxJobWorkers: number;
  maxJobDurationMs: number;
  jobLoggers: readonly ('STD_OUTPUT' | 'FILE' | 'DB')[];
  /** Job logs older than this are swept. */
  logRetentionMs: number;
  /** Where FILE job logs are written. */
  jobLogDirectory: string;
  webhook: { maxRetry: number; timeoutMs: number };
  registryctlUrl: string;
  coreUrl: string;
  internalSecretFile: string;
  /** Abandoned upload sessions older than this are purged by GC (upload_purging.age). */
  uploadPurgingAgeMs: number;
  /** metric.enabled: task metrics on the internal GET /metrics. Absent means off. */
  metricsEnabled?: boolean;
  log: { level: LogLevel };
}

export function jobserviceConfig(c: HarborConfig): JobserviceConfig {
  const slice: JobserviceConfig = {
    listen: { host: c.jobservice.bind, port: c.jobservice.port },
    database: databaseConfig(c),
    redis: { ...redisConfig(c), db: (c.external_redis ?? c.redis).jobservice_db_index },
    maxJobWorkers: c.jobservice.max_job_workers,
    maxJobDurationMs: c.jobservice.max_job_duration_hours * 3_600_000,
    jobLoggers: c.jobservice.job_loggers,
    logRetentionMs: c.jobservice.logger_sweeper_duration * 86_400_000,
    jobLogDirectory: resolve(join(c.data_volume, 'job_logs')),
    webhook: { maxRetry: c.notification.webhook_job_max_retry, timeoutMs: c.notification.webhook_job_http_client_timeout * 1000 },
    registryctlUrl: internalUrls(c).registryctl,
    coreUrl: internalUrls(c).core,
    internalSecretFile: internalSecretFile(c),
    uploadPurgingAgeMs: parseDuration(c.upload_purging.age, 'upload_purging.age'),
    metricsEnabled: c.metric.enabled,
    log: { level: logLevel(c) },
  };
  return deepFreeze(slice) as JobserviceConfig;
}
