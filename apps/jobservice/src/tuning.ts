import type { JobsOptions } from 'bullmq';

/** Timings of the queue machinery; tests shorten them, production keeps the defaults. */
export interface Tuning {
  /** First retry delay; each further retry waits twice as long. */
  backoffDelayMs: number;
  /** A worker that stops renewing its lock this long is presumed dead (crash recovery time). */
  lockDurationMs: number;
  /** How often workers look for jobs whose worker died. */
  stalledIntervalMs: number;
}

export const DEFAULT_TUNING: Tuning = { backoffDelayMs: 10_000, lockDurationMs: 30_000, stalledIntervalMs: 15_000 };

const DAY_S = 86_400;

export function jobOptions(attempts: number, tuning: Tuning): Omit<JobsOptions, 'jobId'> {
  return {
    attempts,
    backoff: { type: 'exponential', delay: tuning.backoffDelayMs },
    // Finished jobs are kept a while so a task id is never enqueued again; the task row is the record.
    removeOnComplete: { age: DAY_S, count: 10_000 },
    removeOnFail: { age: 7 * DAY_S, count: 10_000 },
  };
}
