import type { JobserviceConfig } from '@harbor-ts/config';
import { ensureInternalSecret } from '@harbor-ts/jobs';
import { join } from 'node:path';
import pino from 'pino';
import { HandlerRegistry } from '../../../jobservice/src/handlers';
import { createJobService, type JobService } from '../../../jobservice/src/service';
import type { Tuning } from '../../../jobservice/src/tuning';
import type { TestStack } from './test-stack';

export interface TestJobService {
  service: JobService;
  url: string;
  secret: string;
  config: JobserviceConfig;
  stop(): Promise<void>;
}

export interface TestJobServiceOptions {
  /** The job handlers this jobservice runs (tests register their own). */
  handlers?: HandlerRegistry;
  tuning?: Partial<Tuning>;
  maxJobWorkers?: number;
  /** metric.enabled: task metrics on the jobservice's GET /metrics. */
  metrics?: boolean;
}

/**
 * Starts a real jobservice in-process on the stack's database and Redis prefix and points the
 * stack's core at it. Core's launcher reads `jobserviceUrl` and `internalSecretFile` from its
 * configuration on every call, so this sets both on the (unfrozen) test configuration after
 * core started; stop it before `stack.stop()`.
 */
export async function startTestJobService(stack: TestStack, options: TestJobServiceOptions = {}): Promise<TestJobService> {
  const secretFile = stack.config.internalSecretFile ?? join(stack.dataDir, 'secret', 'internal', 'secret');
  const secret = await ensureInternalSecret(secretFile);
  const config: JobserviceConfig = {
    listen: { host: '127.0.0.1', port: 0 },
    database: { ...stack.config.database, poolMax: 5 },
    redis: stack.config.redis,
    maxJobWorkers: options.maxJobWorkers ?? 2,
    maxJobDurationMs: 120_000,
    jobLoggers: ['DB'],
    logRetentionMs: 86_400_000,
    jobLogDirectory: join(stack.dataDir, 'job_logs'),
    webhook: { maxRetry: 3, timeoutMs: 3_000 },
    registryctlUrl: 'http://127.0.0.1:1',
    coreUrl: stack.url,
    internalSecretFile: secretFile,
    uploadPurgingAgeMs: 86_400_000,
    metricsEnabled: options.metrics ?? false,
    log: { level: 'error' },
  };
  const service = createJobService(config, pino({ level: 'silent' }), options.handlers ?? new HandlerRegistry(), {
    backoffDelayMs: 200,
    lockDurationMs: 2_000,
    stalledIntervalMs: 1_000,
    ...options.tuning,
  });
  await service.start();
  Object.assign(stack.config, { jobserviceUrl: service.url, internalSecretFile: secretFile });
  return { service, url: service.url, secret, config, stop: () => service.close(1_000) };
}
