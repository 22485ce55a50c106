import type { JobType, Trigger } from './job-types';
import type { TaskStatus } from './status';

// Rows of the execution, task and schedule tables as both services read them.

export interface ExecutionRecord {
  id: number;
  vendorType: JobType;
  vendorId: number;
  status: TaskStatus;
  statusMessage: string;
  trigger: Trigger;
  extraAttrs: Record<string, unknown>;
  startTime: Date;
  endTime: Date | null;
  updateTime: Date;
}

export interface TaskRecord {
  id: number;
  executionId: number;
  vendorType: JobType;
  jobId: string | null;
  status: TaskStatus;
  statusMessage: string;
  runCount: number;
  progressDone: number;
  progressTotal: number | null;
  stopRequested: boolean;
  extraAttrs: Record<string, unknown>;
  creationTime: Date;
  startTime: Date | null;
  updateTime: Date;
  endTime: Date | null;
}

export interface ScheduleRecord {
  id: number;
  vendorType: JobType;
  vendorId: number;
  cronType: string;
  cron: string;
  params: Record<string, unknown>;
  creationTime: Date;
  updateTime: Date;
}

type Row = Record<string, unknown>;

const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));
const json = (v: unknown): Record<string, unknown> => (typeof v === 'string' ? JSON.parse(v) : ((v ?? {}) as Record<string, unknown>));

export function executionRecord(r: Row): ExecutionRecord {
  return {
    id: Number(r.id),
    vendorType: r.vendor_type as JobType,
    vendorId: Number(r.vendor_id),
    status: r.status as TaskStatus,
    statusMessage: String(r.status_message ?? ''),
    trigger: r.trigger as Trigger,
    extraAttrs: json(r.extra_attrs),
    startTime: date(r.start_time),
    endTime: dateOrNull(r.end_time),
    updateTime: date(r.update_time),
  };
}

export function taskRecord(r: Row): TaskRecord {
  return {
    id: Number(r.id),
    executionId: Number(r.execution_id),
    vendorType: r.vendor_type as JobType,
    jobId: (r.job_id as string | null) ?? null,
    status: r.status as TaskStatus,
    statusMessage: String(r.status_message ?? ''),
    runCount: Number(r.run_count),
    progressDone: Number(r.progress_done),
    progressTotal: r.progress_total === null || r.progress_total === undefined ? null : Number(r.progress_total),
    stopRequested: Boolean(r.stop_requested),
    extraAttrs: json(r.extra_attrs),
    creationTime: date(r.creation_time),
    startTime: dateOrNull(r.start_time),
    updateTime: date(r.update_time),
    endTime: dateOrNull(r.end_time),
  };
}

export function scheduleRecord(r: Row): ScheduleRecord {
  return {
    id: Number(r.id),
    vendorType: r.vendor_type as JobType,
    vendorId: Number(r.vendor_id),
    cronType: String(r.cron_type),
    cron: String(r.cron),
    params: json(r.params),
    creationTime: date(r.creation_time),
    updateTime: date(r.update_time),
  };
}
