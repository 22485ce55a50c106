import type { ExecutionView, TaskView } from '../jobs/job-launcher';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : undefined);

/** Harbor's Execution, with metrics counted from its tasks. */
export function toExecutionView(e: ExecutionView, counts: ReadonlyMap<string, number>): Record<string, unknown> {
  const n = (status: string) => counts.get(status) ?? 0;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return dropUndefined({
    id: e.id,
    vendor_type: e.vendorType,
    vendor_id: e.vendorId,
    status: e.status,
    status_message: e.statusMessage || undefined,
    metrics: {
      task_count: total,
      success_task_count: n('Success'),
      error_task_count: n('Error'),
      pending_task_count: n('Pending'),
      running_task_count: n('Running'),
      scheduled_task_count: n('Scheduled'),
      stopped_task_count: n('Stopped'),
    },
    trigger: e.trigger,
    extra_attrs: e.extraAttrs,
    start_time: iso(e.startTime),
    end_time: iso(e.endTime),
  });
}

/** Harbor's Task. */
export function toTaskView(t: TaskView): Record<string, unknown> {
  return dropUndefined({
    id: t.id,
    execution_id: t.executionId,
    status: t.status,
    status_message: t.statusMessage || undefined,
    run_count: t.runCount,
    extra_attrs: t.extraAttrs,
    creation_time: iso(t.creationTime),
    update_time: iso(t.updateTime),
    start_time: iso(t.startTime),
    end_time: iso(t.endTime),
  });
}

function dropUndefined(view: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(view)) if (v === undefined) delete view[k];
  return view;
}
