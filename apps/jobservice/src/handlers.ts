import type { JobserviceConfig } from '@harbor-ts/config';
import type { JobHandler, JobType } from '@harbor-ts/jobs';
import type { Pool } from 'pg';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { createGcHandler, RegistryctlClient } from './jobs/gc';
import { createPurgeAuditHandler, PURGE_AUDIT_RETRY } from './jobs/purge-audit';
import { createRetentionHandler, expandRetentionRun, RETENTION_RETRY_POLICY } from './jobs/retention';
import { createSlackHandler, createWebhookHandler, webhookRetryPolicy } from './jobs/webhook/webhook.handler';

/** How a job type is retried; declared where its handler is registered. */
export interface RetryPolicy {
  /** Runs in all, the first one included. */
  attempts: number;
}

interface Registration {
  handler: JobHandler<never>;
  retry?: RetryPolicy;
}

/**
 * Turns a schedule firing into its tasks' params (retention: one task per repository). Job types
 * without one run a firing as a single task with the schedule's params.
 */
export type ScheduleExpander = (vendorId: number, scheduleParams: Record<string, unknown>) => Promise<Record<string, unknown>[]>;

/** The handler of each job type this jobservice runs; a type without one fails its tasks visibly. */
export class HandlerRegistry {
  private readonly byType = new Map<JobType, Registration>();
  private readonly expanders = new Map<JobType, ScheduleExpander>();

  register<P = Record<string, unknown>>(type: JobType, handler: JobHandler<P>, retry?: RetryPolicy): this {
    this.byType.set(type, { handler: handler as JobHandler<never>, ...(retry ? { retry } : {}) });
    return this;
  }

  expandSchedules(type: JobType, expander: ScheduleExpander): this {
    this.expanders.set(type, expander);
    return this;
  }

  expander(type: JobType): ScheduleExpander | undefined {
    return this.expanders.get(type);
  }

  handler(type: JobType): JobHandler<Record<string, unknown>> | undefined {
    return this.byType.get(type)?.handler as JobHandler<Record<string, unknown>> | undefined;
  }

  retry(type: JobType): RetryPolicy | undefined {
    return this.byType.get(type)?.retry;
  }
}

export interface HandlerDependencies {
  config: JobserviceConfig;
  db: Pool;
  log: Logger;
}

/**
 * The production wiring: each job folder under ./jobs exports a factory taking what it needs
 * from `deps`. Webhook deliveries retry `notification.webhook_job_max_retry` times.
 */
export function productionHandlers(deps: HandlerDependencies): HandlerRegistry {
  const { config, db, log } = deps;
  // Core writes the secret before jobservice starts (start.mjs order, compose depends_on).
  const registryctl = new RegistryctlClient(config.registryctlUrl, readFileSync(config.internalSecretFile, 'utf8').trim());
  const webhook = { timeoutMs: config.webhook.timeoutMs };
  const webhookRetry = webhookRetryPolicy(config.webhook.maxRetry);
  return new HandlerRegistry()
    .register('GARBAGE_COLLECTION', createGcHandler({ db, registryctl, log, uploadPurgingAgeMs: config.uploadPurgingAgeMs }))
    // Retention leaves manifests in storage for the next GC, which deletes them with their blobs.
    .register('RETENTION', createRetentionHandler({ db, log }), RETENTION_RETRY_POLICY)
    .expandSchedules('RETENTION', async (policyId, params) => (await expandRetentionRun(db, policyId, params.dryRun === true)).map((p) => ({ ...p })))
    .register('PURGE_AUDIT_LOG', createPurgeAuditHandler({ db, log }), PURGE_AUDIT_RETRY)
    .register('WEBHOOK', createWebhookHandler(webhook), webhookRetry)
    .register('SLACK', createSlackHandler(webhook), webhookRetry);
}

/** Attempts when neither the submitter nor the registration says: Harbor retries most jobs 3 times. */
export function defaultAttempts(type: JobType, config: JobserviceConfig, registry: HandlerRegistry): number {
  const declared = registry.retry(type)?.attempts;
  if (declared !== undefined) return declared;
  if (type === 'WEBHOOK' || type === 'SLACK') return Math.max(1, config.webhook.maxRetry);
  return 3;
}
