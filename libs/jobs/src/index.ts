// @harbor-ts/jobs: what core and jobservice share about background jobs.
export { isJobType, JOB_TYPES, type JobType, type Trigger } from './job-types';
export { executionStatus, FINAL_STATUSES, isFinal, TASK_STATUSES, type TaskStatus } from './status';
export type { JobContext, JobHandler } from './handler';
export type { SqlDatabase, SqlRunner } from './sql';
export { type ExecutionRecord, type ScheduleRecord, type TaskRecord } from './records';
export { ExecutionStore, type NewExecution } from './execution-store';
export { ScheduleStore } from './schedule-store';
export { cronProblem, type CronRules, isScheduleType, nextFireTime, PRESET_CRONS, SCHEDULE_TYPES, ScheduleError, scheduleCron, type ScheduleType } from './schedule';
export {
  type JobQueueView,
  type JobserviceStats,
  QUEUE_ACTIONS,
  type QueueAction,
  type SubmitJobRequest,
  type SubmitJobResponse,
  taskJobId,
  type WorkerPoolView,
  type WorkerView,
} from './api';
export { JobServiceClient, JobServiceError, type JobServiceTarget } from './client';
export { ensureInternalSecret, isSecretHeader, readInternalSecret, SECRET_SCHEME, secretHeader } from './secret';
export { matchesSelector, REPOSITORY_DECORATIONS, type Selector, type SelectorDecoration, TAG_DECORATIONS, UNTAGGED, validateSelector } from './selectors';
export * from './webhook';
export * from './retention';
export { artifactClosure } from './artifact-closure';
export { releaseProjectStorage } from './project-storage';
export { BLOB_LOCK_ORDER } from './blob-lock-order';
