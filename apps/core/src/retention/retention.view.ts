import type { RetentionPolicy } from '@harbor-ts/jobs';
import type { ExecutionView, TaskView } from '../jobs/job-launcher';

// Harbor's RetentionPolicy, RetentionExecution and RetentionExecutionTask.

export interface PolicyRow {
  id: number;
  scope_level: string;
  scope_reference: number;
  trigger: RetentionPolicy['trigger'];
  data: { algorithm: string; rules: RetentionPolicy['rules'] };
}

export function toPolicy(row: PolicyRow): RetentionPolicy & { id: number } {
  return { id: row.id, algorithm: row.data.algorithm, rules: row.data.rules, trigger: row.trigger, scope: { level: row.scope_level, ref: row.scope_reference } };
}

export function toExecutionView(e: ExecutionView): Record<string, unknown> {
  return {
    id: e.id,
    policy_id: e.vendorId,
    start_time: e.startTime.toISOString(),
    ...(e.endTime ? { end_time: e.endTime.toISOString() } : {}),
    status: e.status,
    trigger: e.trigger,
    dry_run: e.extraAttrs.dry_run === true,
  };
}

/** repository, total and retained come from the task's extra attributes (the job's summary). */
export function toTaskView(t: TaskView): Record<string, unknown> {
  const count = (v: unknown) => (typeof v === 'number' ? v : 0);
  return {
    id: t.id,
    execution_id: t.executionId,
    repository: typeof t.extraAttrs.repository === 'string' ? t.extraAttrs.repository : '',
    job_id: t.jobId ?? '',
    status: t.status,
    status_code: 0,
    status_revision: t.updateTime.getTime(),
    ...(t.startTime ? { start_time: t.startTime.toISOString() } : {}),
    ...(t.endTime ? { end_time: t.endTime.toISOString() } : {}),
    total: count(t.extraAttrs.total),
    retained: count(t.extraAttrs.retained),
  };
}
