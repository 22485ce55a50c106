/**
 * Harbor's execution and task statuses. A task moves Pending -> Running -> one final status
 * (Success, Error, Stopped); a retried task goes Running -> Pending -> Running. An execution's
 * status is derived from its tasks (see `executionStatus`).
 */
export const TASK_STATUSES = ['Pending', 'Scheduled', 'Running', 'Stopped', 'Error', 'Success'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const FINAL_STATUSES: ReadonlySet<TaskStatus> = new Set(['Stopped', 'Error', 'Success']);

export function isFinal(status: TaskStatus): boolean {
  return FINAL_STATUSES.has(status);
}

/**
 * Harbor's rule: any task still running or pending keeps the execution Running (Pending if
 * none started); once all are final, Error wins over Stopped, Stopped over Success. An
 * execution without tasks is Success.
 */
export function executionStatus(tasks: readonly TaskStatus[]): TaskStatus {
  if (tasks.length === 0) return 'Success';
  if (tasks.some((s) => s === 'Running')) return 'Running';
  if (tasks.some((s) => !isFinal(s))) return tasks.some((s) => isFinal(s)) ? 'Running' : 'Pending';
  if (tasks.includes('Error')) return 'Error';
  if (tasks.includes('Stopped')) return 'Stopped';
  return 'Success';
}
