import type { JobserviceConfig } from '@harbor-ts/config';
import { cronProblem, isJobType, type JobType, type ScheduleRecord, type ScheduleStore } from '@harbor-ts/jobs';
import type { Logger } from 'pino';
import { defaultAttempts, type HandlerRegistry } from './handlers';
import type { JobQueues } from './queues';
import { SCHEDULE_JOB } from './runner';
import { jobOptions, type Tuning } from './tuning';

/** The BullMQ job scheduler id of a vendor's schedule. */
export function schedulerId(type: JobType, vendorId: number): string {
  return `schedule:${type}:${vendorId}`;
}

/**
 * Mirrors the `schedule` table (the source of truth) into BullMQ job schedulers, one per row,
 * in the queue of its job type; schedulers without a row are removed. Runs at start and
 * whenever core changes a schedule (POST /api/v1/schedules/sync). Crons are UTC.
 */
export class ScheduleMirror {
  constructor(
    private readonly store: ScheduleStore,
    private readonly queues: JobQueues,
    private readonly handlers: HandlerRegistry,
    private readonly config: JobserviceConfig,
    private readonly tuning: Tuning,
    private readonly log: Logger,
  ) {}

  /** Returns how many schedules are active. */
  async sync(): Promise<number> {
    const wanted = new Map<string, ScheduleRecord>();
    for (const row of await this.store.all()) {
      const problem = isJobType(row.vendorType) ? cronProblem(row.cron, { zeroSeconds: false }) : `unknown job type ${row.vendorType}`;
      if (problem) this.log.warn({ schedule: row.id, problem }, 'schedule ignored');
      else wanted.set(schedulerId(row.vendorType, row.vendorId), row);
    }
    for (const [type, queue] of this.queues.entries()) {
      const existing = new Map((await queue.getJobSchedulers(0, -1)).map((s) => [s.key, s]));
      for (const key of existing.keys()) if (!wanted.has(key)) await queue.removeJobScheduler(key);
      for (const [key, row] of wanted) {
        if (row.vendorType !== type || existing.get(key)?.pattern === row.cron) continue;
        await queue.upsertJobScheduler(
          key,
          { pattern: row.cron, tz: 'UTC' },
          { name: SCHEDULE_JOB, data: { vendorId: row.vendorId }, opts: jobOptions(defaultAttempts(type, this.config, this.handlers), this.tuning) },
        );
      }
    }
    return wanted.size;
  }
}
