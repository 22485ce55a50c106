import type { JobType } from './job-types';

/** What a job handler can use; jobservice builds one per task run. */
export interface JobContext<P = Record<string, unknown>> {
  readonly type: JobType;
  readonly executionId: number;
  readonly taskId: number;
  /** The parameters the job was submitted with (JSON). */
  readonly params: P;
  /** 1 on the first run; higher when BullMQ retries the task or a crashed run is picked up. */
  readonly attempt: number;
  /** Aborted when someone stops the job (API or dashboard) or it exceeds max_job_duration_hours. */
  readonly signal: AbortSignal;
  /** Appends a line to the task's log, served by the job log APIs. */
  log(line: string): void;
  /** Records progress on the task (shown in executions and the GC history). */
  progress(done: number, total?: number): Promise<void>;
}

/**
 * Runs one task. Resolves with a small JSON-able summary stored on the task (`extra_attrs`),
 * throws to fail (retried with backoff while attempts remain). A handler must be safe to run
 * again after a crash: it re-reads state rather than trusting what a previous run began.
 */
export type JobHandler<P = Record<string, unknown>> = (ctx: JobContext<P>) => Promise<Record<string, unknown> | void>;
