import type { JobserviceConfig } from '@harbor-ts/config';
import type { ExecutionStore, JobContext, JobType, ScheduleStore } from '@harbor-ts/jobs';
import { type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { HandlerRegistry } from './handlers';
import type { JobMetrics, RunStatus } from './metrics';
import type { Slot, WorkerPool } from './pool';
import { DurationExceeded, type StopSignals, StopRequested } from './stop-signals';
import type { JobLogFiles } from './job-log-files';
import { TaskLog } from './task-log';

/** A task's BullMQ job. Schedule firings start as `{ vendorId }` and gain the rest once recorded. */
export interface TaskJobData {
  taskId: number;
  executionId: number;
  params: Record<string, unknown>;
  vendorId?: number;
}
/** A schedule firing fanned out into several tasks, each queued as a job of its own. */
export interface FanOutJobData {
  vendorId: number;
  executionId: number;
  tasks: { taskId: number; params: Record<string, unknown> }[];
}

export type JobData = TaskJobData | FanOutJobData | { vendorId: number };

/** The name of the jobs a schedule (BullMQ job scheduler) produces. */
export const SCHEDULE_JOB = 'schedule';

export interface RunnerDependencies {
  config: JobserviceConfig;
  store: ExecutionStore;
  schedules: ScheduleStore;
  handlers: HandlerRegistry;
  pool: WorkerPool;
  stops: StopSignals;
  /** metric.enabled: each run counted and timed by type and status. */
  metrics?: JobMetrics;
  logFiles: JobLogFiles;
  /** Queues a recorded task as its own job (JobControl.enqueue). */
  enqueue: (type: JobType, data: TaskJobData) => Promise<void>;
  log: Logger;
}

/**
 * Runs a task's BullMQ job and records it: Running (run_count + 1) at the start, then Success,
 * Error or Stopped, or back to Pending when BullMQ will retry. A task that already ended (a
 * crash after its last write) or was asked to stop is not run again.
 */
export class TaskRunner {
  /** Runs under way in this process, by task id. */
  private readonly underway = new Map<number, Promise<void>>();

  constructor(private readonly deps: RunnerDependencies) {}

  processor(type: JobType): (job: Job<JobData>) => Promise<void> {
    return async (job) => {
      const data = job.name === SCHEDULE_JOB && !('taskId' in job.data) ? await this.recordFiring(job, type) : (job.data as TaskJobData);
      if (!data) return;
      // BullMQ hands a job out again when its lock lapsed (Redis away longer than lockDuration).
      // While the first run goes on here, the copy waits for it and reports its outcome.
      const running = this.underway.get(data.taskId);
      if (running) return running;
      const run = this.runInSlot(job, type, data);
      this.underway.set(data.taskId, run);
      try {
        await run;
      } finally {
        this.underway.delete(data.taskId);
      }
    };
  }

  private async runInSlot(job: Job<JobData>, type: JobType, data: TaskJobData): Promise<void> {
    const stop = this.deps.stops.watch(data.taskId);
    try {
      await this.deps.pool.run({ name: type, id: String(job.id) }, (slot) => this.run(job, type, data, stop, slot));
    } finally {
      this.deps.stops.release(data.taskId);
    }
  }

  /**
   * A schedule fired: record its execution (trigger SCHEDULE) and task, once per firing. A job
   * type with a schedule expander gets one task per expanded entry, each queued as its own job,
   * and the firing itself runs none.
   */
  private async recordFiring(job: Job<JobData>, type: JobType): Promise<TaskJobData | undefined> {
    if ('tasks' in job.data) return this.queueFannedOut(type, job.data); // a crashed fan-out resumes
    const { vendorId } = job.data;
    const schedule = await this.deps.schedules.get(type, vendorId ?? -1);
    if (!schedule) return undefined; // removed since it was mirrored; the next sync drops it
    const expand = this.deps.handlers.expander(type);
    if (expand) {
      const params = await expand(schedule.vendorId, schedule.params);
      const { executionId, taskIds } = await this.deps.store.create(type, { vendorId: schedule.vendorId, trigger: 'SCHEDULE', extraAttrs: schedule.params }, params);
      const fanned: FanOutJobData = { vendorId: schedule.vendorId, executionId, tasks: taskIds.map((taskId, i) => ({ taskId, params: params[i] })) };
      await job.updateData(fanned);
      return this.queueFannedOut(type, fanned);
    }
    const { executionId, taskIds } = await this.deps.store.create(type, { vendorId: schedule.vendorId, trigger: 'SCHEDULE', extraAttrs: schedule.params }, 1);
    await this.deps.store.setJobId(taskIds[0], String(job.id));
    const data: TaskJobData = { vendorId: schedule.vendorId, executionId, taskId: taskIds[0], params: schedule.params };
    await job.updateData(data); // a crashed firing resumes this task instead of recording another
    return data;
  }

  /** Queues each task of a fanned-out firing; jobs are keyed by task id, so a repeat adds nothing. */
  private async queueFannedOut(type: JobType, data: FanOutJobData): Promise<undefined> {
    for (const t of data.tasks) await this.deps.enqueue(type, { vendorId: data.vendorId, executionId: data.executionId, taskId: t.taskId, params: t.params });
    return undefined;
  }

  private async run(job: Job<JobData>, type: JobType, data: TaskJobData, stop: AbortController, slot: Slot): Promise<void> {
    const { store, log } = this.deps;
    const task = await store.start(data.taskId);
    if (!task) return this.notStarted(data.taskId);
    const handler = this.deps.handlers.handler(type);
    if (!handler) {
      await store.finish(task.id, 'Error', `this jobservice has no handler for ${type}`);
      throw new UnrecoverableError(`no handler for ${type}`);
    }
    const loggers = this.deps.config.jobLoggers;
    const taskLog = new TaskLog(store, task.id, loggers.includes('STD_OUTPUT') ? log.child({ job: type }) : undefined, log, loggers.includes('FILE') ? this.deps.logFiles : undefined);
    const timeout = setTimeout(() => stop.abort(new DurationExceeded(this.deps.config.maxJobDurationMs)), this.deps.config.maxJobDurationMs);
    const started = process.hrtime.bigint();
    let handled = false;
    const ctx: JobContext = {
      type,
      executionId: task.executionId,
      taskId: task.id,
      params: data.params,
      attempt: task.runCount,
      signal: stop.signal,
      log: (line) => taskLog.line(line),
      progress: async (done, total) => {
        slot.checkIn(total === undefined ? String(done) : `${done}/${total}`);
        await store.progress(task.id, done, total);
      },
    };
    try {
      const summary = await handler(ctx);
      handled = true;
      await taskLog.flush();
      if (stop.signal.reason instanceof StopRequested) await store.finish(task.id, 'Stopped', 'stopped on request', summary ?? {});
      else await store.finish(task.id, 'Success', '', summary ?? {});
    } catch (err) {
      await taskLog.flush();
      await this.failed(job, task.id, err, stop.signal.reason);
    } finally {
      clearTimeout(timeout);
      this.deps.metrics?.taskRan(type, runStatus(handled, stop.signal.reason), Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  /** Records a failed run; rethrows so BullMQ retries it, unless it was stopped or timed out. */
  private async failed(job: Job<JobData>, taskId: number, err: unknown, abortReason: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    if (abortReason instanceof StopRequested) {
      await this.deps.store.finish(taskId, 'Stopped', 'stopped on request');
      return;
    }
    if (abortReason instanceof DurationExceeded) {
      await this.deps.store.finish(taskId, 'Error', abortReason.message);
      throw new UnrecoverableError(abortReason.message);
    }
    const retrying = !(err instanceof UnrecoverableError) && job.attemptsMade + 1 < (job.opts.attempts ?? 1);
    if (retrying) await this.deps.store.retryLater(taskId, message);
    else await this.deps.store.finish(taskId, 'Error', message);
    this.deps.log.warn({ taskId, attempt: job.attemptsMade + 1, retrying, err: message }, 'job failed');
    throw err;
  }

  /** The task ended already, or a stop was requested before it ran: end it as Stopped. */
  private async notStarted(taskId: number): Promise<void> {
    const task = await this.deps.store.task(taskId);
    if (task?.stopRequested) await this.deps.store.finish(taskId, 'Stopped', 'stopped before it started');
  }
}

/** The status a run ends with, as failed() and the success path record it. */
function runStatus(handled: boolean, abortReason: unknown): RunStatus {
  if (abortReason instanceof StopRequested) return 'Stopped';
  return handled ? 'Success' : 'Error';
}
