import type { ExecutionView, ScheduleSpec } from '../jobs/job-launcher';
import { nextRun } from './schedule-body';

/** Harbor's GCHistory / ExecHistory (same fields): one execution, or the schedule. */
export interface JobHistoryView {
  id?: number;
  job_name: string;
  job_kind: string;
  /** The parameters as a JSON string, as Harbor serves them. */
  job_parameters: string;
  schedule: { type: string; cron?: string; next_scheduled_time?: string } | null;
  job_status: string;
  deleted: boolean;
  creation_time?: string;
  update_time?: string;
}

/** An execution: job_kind and schedule.type are its trigger (MANUAL, SCHEDULE). */
export function toHistoryView(e: ExecutionView): JobHistoryView {
  return {
    id: e.id,
    job_name: e.vendorType,
    job_kind: e.trigger,
    job_parameters: JSON.stringify(e.extraAttrs),
    schedule: { type: e.trigger },
    job_status: e.status,
    deleted: false,
    creation_time: e.startTime.toISOString(),
    update_time: e.updateTime.toISOString(),
  };
}

type SavedSchedule = ScheduleSpec & { params: Record<string, unknown>; creationTime: Date; updateTime: Date };

/** GET .../schedule: the saved cron and the parameters each run gets; {} when there is none. */
export function toScheduleView(s: SavedSchedule | undefined): JobHistoryView | Record<string, never> {
  if (!s) return {};
  return {
    job_name: '',
    job_kind: s.type,
    job_parameters: JSON.stringify(s.params),
    schedule: { type: s.type, cron: s.cron, next_scheduled_time: nextRun(s.cron) },
    job_status: '',
    deleted: false,
    creation_time: s.creationTime.toISOString(),
    update_time: s.updateTime.toISOString(),
  };
}
