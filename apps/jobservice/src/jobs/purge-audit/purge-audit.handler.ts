import type { JobContext, JobHandler } from '@harbor-ts/jobs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { type PurgeAuditParams, readPurgeParams } from './purge-audit.params';
import { PurgeAuditRepository } from './purge-audit.repository';

/** A purge is an idempotent delete, so a failed run is simply run again. */
export const PURGE_AUDIT_RETRY = { attempts: 3 };

/** Rows per DELETE statement. */
export const PURGE_BATCH_SIZE = 10_000;

const HOUR_MS = 3_600_000;

export interface PurgeAuditDeps {
  db: Pool;
  log: Logger;
  /** For tests; PURGE_BATCH_SIZE otherwise. */
  batchSize?: number;
}

/**
 * PURGE_AUDIT_LOG: deletes audit_log_ext rows older than audit_retention_hour whose event type
 * is included, in batches, reporting progress after each; a dry run only counts. Safe to run
 * again after a crash: it recounts and deletes what is still there. A stop is honoured
 * between batches (what went before stays gone).
 */
export function createPurgeAuditHandler(deps: PurgeAuditDeps): JobHandler<Record<string, unknown>> {
  const rows = new PurgeAuditRepository(deps.db);
  const batchSize = deps.batchSize ?? PURGE_BATCH_SIZE;
  return async (ctx: JobContext<Record<string, unknown>>) => {
    const params = readPurgeParams(ctx.params);
    const cutoff = new Date(Date.now() - params.audit_retention_hour * HOUR_MS);
    ctx.log(describe(params, cutoff));
    if (params.eventTypes.length === 0) {
      ctx.log('no event types included: nothing to purge');
      await ctx.progress(0, 0);
      return { purged: 0, dry_run: params.dry_run };
    }
    const total = await rows.count(cutoff, params.eventTypes);
    await ctx.progress(0, total);
    if (params.dry_run) {
      ctx.log(`dry run: ${total} audit log rows would be purged`);
      return { purged: total, dry_run: true };
    }
    const purged = await deleteInBatches(ctx, rows, cutoff, params.eventTypes, batchSize, total);
    ctx.log(`purged ${purged} audit log rows`);
    deps.log.info({ executionId: ctx.executionId, purged }, 'audit log purge finished');
    return { purged, dry_run: false };
  };
}

async function deleteInBatches(ctx: JobContext<unknown>, rows: PurgeAuditRepository, cutoff: Date, types: string[], batchSize: number, total: number): Promise<number> {
  let purged = 0;
  for (;;) {
    if (ctx.signal.aborted) {
      ctx.log(`stopped after purging ${purged} rows`);
      ctx.signal.throwIfAborted();
    }
    const deleted = await rows.deleteBatch(cutoff, types, batchSize);
    purged += deleted;
    // Rows written by concurrent operations are newer than the cutoff, so total only shrinks.
    await ctx.progress(purged, Math.max(total, purged));
    if (deleted > 0) ctx.log(`deleted ${deleted} rows (${purged} of ${total})`);
    if (deleted < batchSize) return purged;
  }
}

function describe(p: PurgeAuditParams & { eventTypes: string[] }, cutoff: Date): string {
  const types = p.eventTypes.length > 0 ? p.eventTypes.join(', ') : '(none)';
  return `purge audit logs older than ${p.audit_retention_hour} hours (before ${cutoff.toISOString()}), event types: ${types}${p.dry_run ? ', dry run' : ''}`;
}
