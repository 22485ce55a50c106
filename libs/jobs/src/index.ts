// @harbor-ts/jobs: what core and jobservice share about background jobs.
export { isJobType, JOB_TYPES, type JobType, type Trigger } from './job-types';
export { executionStatus, FINAL_STATUSES, isFinal, TASK_STATUSES, type TaskStatus } from './status';
export type { JobContext, JobHandler } from './handler';
