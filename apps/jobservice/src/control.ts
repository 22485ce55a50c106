import type { JobserviceConfig } from '@harbor-ts/config';
import { type ExecutionStore, type JobQueueView, type JobType, type QueueAction, type SubmitJobRequest, taskJobId } from '@harbor-ts/jobs';
import type { Job, Queue } from 'bullmq';
import { defaultAttempts, type HandlerRegistry } from './handlers';
import type { JobQueues } from './queues';
import type { JobData, TaskJobData } from './runner';
import type { StopSignals } from './stop-signals';
import { jobOptions, type Tuning } from './tuning';

export class ControlError extends Error {
  constructor(readonly status: 404 | 409 | 503, readonly code: 'NOT_FOUND' | 'CONFLICT' | 'UNAVAILABLE', message: string) {
    super(message);
  }
}

// A paused queue keeps its jobs in 'waiting' (BullMQ 6).
const NOT_STARTED = ['waiting', 'prioritized', 'delayed'] as const;

/** What the HTTP API asks of the queues: submit, stop, pause/resume, counts. */
export class JobControl {
  constructor(
    private readonly queues: JobQueues,
    private readonly store: ExecutionStore,
    private readonly stops: StopSignals,
    private readonly handlers: HandlerRegistry,
    private readonly config: JobserviceConfig,
    private readonly tuning: Tuning,
  ) {}

  /** Enqueues a recorded Pending task under `task-<id>`, so it can never be queued twice. */
  async submit(req: SubmitJobRequest): Promise<string> {
    const task = await this.store.task(req.taskId);
    if (!task || task.executionId !== req.executionId || task.vendorType !== req.type) {
      throw new ControlError(404, 'NOT_FOUND', `task ${req.taskId} of execution ${req.executionId} (${req.type}) not found`);
    }
    if (task.status !== 'Pending') throw new ControlError(409, 'CONFLICT', `task ${req.taskId} is ${task.status}, not Pending`);
    return this.enqueue(req.type, { taskId: task.id, executionId: task.executionId, params: req.params }, req.attempts);
  }

  /** Puts a recorded task on its type's queue under `task-<id>`; adding the same task again is a no-op. */
  async enqueue(type: JobType, data: TaskJobData, attempts = defaultAttempts(type, this.config, this.handlers)): Promise<string> {
    const jobId = taskJobId(data.taskId);
    await this.store.setJobId(data.taskId, jobId);
    await this.queues.get(type).add(type, data, { ...jobOptions(attempts, this.tuning), jobId }).catch((err: unknown) => {
      // The queue connection has no offline queue: Redis being down fails here at once.
      throw new ControlError(503, 'UNAVAILABLE', `the job queue (Redis) is unavailable: ${(err as { message?: string }).message ?? String(err)}`);
    });
    return jobId;
  }

  /**
   * Stops a task: recorded on the row first (so it never starts later), then a job not started
   * yet is taken off its queue and the task ends Stopped, and a running one is aborted.
   */
  async stop(taskId: number): Promise<void> {
    const task = await this.store.task(taskId);
    if (!task) throw new ControlError(404, 'NOT_FOUND', `task ${taskId} not found`);
    if (!(await this.store.requestTaskStop(taskId))) return; // already ended
    const job = task.jobId ? await this.queues.get(task.vendorType).getJob(task.jobId) : undefined;
    const state = job ? await job.getState() : 'unknown';
    if (state === 'active') return this.stops.request(taskId);
    if (job && (NOT_STARTED as readonly string[]).includes(state)) await job.remove().catch(() => this.stops.request(taskId));
    await this.store.finish(taskId, 'Stopped', 'stopped before it started');
  }

  async queueStats(): Promise<JobQueueView[]> {
    return Promise.all(this.queues.entries().map(([type, queue]) => this.queueView(type, queue)));
  }

  async queueAction(type: JobType | 'all', action: QueueAction): Promise<void> {
    const targets = type === 'all' ? this.queues.entries() : [[type, this.queues.get(type)] as [JobType, Queue]];
    for (const [, queue] of targets) {
      if (action === 'pause') await queue.pause();
      else if (action === 'resume') await queue.resume();
      else await this.stopPending(queue);
    }
  }

  async paused(type: JobType | 'all'): Promise<boolean> {
    const targets = type === 'all' ? this.queues.entries().map(([, q]) => q) : [this.queues.get(type)];
    return (await Promise.all(targets.map((q) => q.isPaused()))).every(Boolean);
  }

  /** Harbor's "stop and clean": every task waiting in the queue ends Stopped (schedules stay). */
  private async stopPending(queue: Queue): Promise<void> {
    const jobs: Job<JobData>[] = await queue.getJobs([...NOT_STARTED]);
    for (const job of jobs) {
      if (!('taskId' in job.data)) continue; // a schedule's next firing, not a task
      await this.store.requestTaskStop(job.data.taskId);
      await job.remove().catch(() => undefined);
      await this.store.finish(job.data.taskId, 'Stopped', 'stopped with its queue');
    }
  }

  private async queueView(type: JobType, queue: Queue): Promise<JobQueueView> {
    const counts = await queue.getJobCounts('waiting', 'prioritized');
    const [oldest] = await queue.getJobs(['waiting', 'prioritized'], 0, 0, true);
    return {
      job_type: type,
      count: counts.waiting + counts.prioritized,
      latency: oldest ? Math.max(0, Math.floor((Date.now() - oldest.timestamp) / 1000)) : 0,
      paused: await queue.isPaused(),
    };
  }
}
