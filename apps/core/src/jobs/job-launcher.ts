import type { ExecutionRecord, JobType, TaskRecord, Trigger } from '@harbor-ts/jobs';

// CONTRACT (implementation owned by the jobservice work): how core features start and read
// background jobs. Injected as `JobLauncher` (JobsModule is global and provides it).

export interface LaunchRequest {
  /** -1 for system-wide vendors (GC, audit purge); the policy id for retention/webhook. */
  vendorId?: number;
  trigger: Trigger;
  /** Handed to the job handler as ctx.params. */
  params: Record<string, unknown>;
  /** Stored on the execution (Harbor's extra_attrs), e.g. the GC options shown in history. */
  extraAttrs?: Record<string, unknown>;
}

/** An execution as features read it: the shared row shape. */
export type ExecutionView = ExecutionRecord;

/** A task as features read it; stop requests and the vendor stay jobservice's business. */
export type TaskView = Omit<TaskRecord, 'vendorType' | 'stopRequested'>;

/** Harbor's schedule object: type None | Hourly | Daily | Weekly | Custom, cron with seconds. */
export interface ScheduleSpec {
  type: 'None' | 'Hourly' | 'Daily' | 'Weekly' | 'Custom' | 'Manual' | 'Schedule';
  cron: string;
}

export abstract class JobLauncher {
  /** Records an execution with one task and hands the task to jobservice. */
  abstract launch(type: JobType, request: LaunchRequest): Promise<{ executionId: number; taskId: number }>;
  /** Records an execution with one task per entry (retention: one per repository). */
  abstract launchMany(type: JobType, request: Omit<LaunchRequest, 'params'>, params: Record<string, unknown>[]): Promise<{ executionId: number; taskIds: number[] }>;
  /** Asks every unfinished task of the execution to stop; resolves once the request is recorded. */
  abstract stop(executionId: number): Promise<void>;
  abstract execution(id: number): Promise<ExecutionView | undefined>;
  /** Newest first. */
  abstract executions(type: JobType, vendorId: number, page: { offset: number; limit: number }): Promise<{ total: number; items: ExecutionView[] }>;
  abstract tasks(executionId: number): Promise<TaskView[]>;
  /** The task's log lines joined with '\n'; undefined when the task does not exist. */
  abstract taskLog(taskId: number): Promise<string | undefined>;
  /** Saves (or with type None removes) the vendor's schedule; 400 HarborError on a bad cron. */
  abstract setSchedule(type: JobType, vendorId: number, schedule: ScheduleSpec, params: Record<string, unknown>): Promise<void>;
  abstract schedule(type: JobType, vendorId: number): Promise<(ScheduleSpec & { params: Record<string, unknown>; creationTime: Date; updateTime: Date }) | undefined>;
}
