import type { JobType } from './job-types';

// Jobservice's internal HTTP API (/api/v1), shared by the server and core's client. Pools,
// workers and queues already have Harbor's dashboard shapes (WorkerPool, Worker, JobQueue), so
// core passes them through.

/** POST /api/v1/jobs: hand an already recorded Pending task to its queue. */
export interface SubmitJobRequest {
  type: JobType;
  executionId: number;
  taskId: number;
  params: Record<string, unknown>;
  /** Runs in all (first run included); jobservice's default per type when absent. */
  attempts?: number;
}

export interface SubmitJobResponse {
  jobId: string;
}

export const QUEUE_ACTIONS = ['stop', 'pause', 'resume'] as const;
export type QueueAction = (typeof QUEUE_ACTIONS)[number];

export interface WorkerPoolView {
  pid: number;
  worker_pool_id: string;
  start_at: string;
  heartbeat_at: string;
  concurrency: number;
  host: string;
}

export interface WorkerView {
  id: string;
  pool_id: string;
  job_name: string;
  job_id: string;
  start_at?: string;
  check_in: string;
  checkin_at?: string;
}

export interface JobQueueView {
  job_type: JobType;
  count: number;
  /** Seconds the oldest waiting job has waited. */
  latency: number;
  paused: boolean;
}

export interface JobserviceStats {
  pools: WorkerPoolView[];
  queues: JobQueueView[];
}

/** The BullMQ job id of a task; a task is never enqueued twice under it. */
export function taskJobId(taskId: number): string {
  return `task-${taskId}`;
}
