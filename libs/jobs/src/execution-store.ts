import type { JobType, Trigger } from './job-types';
import { type ExecutionRecord, executionRecord, type TaskRecord, taskRecord } from './records';
import type { SqlDatabase, SqlRunner } from './sql';
import { executionStatus, isFinal, type TaskStatus } from './status';

export interface NewExecution {
  vendorId: number;
  trigger: Trigger;
  extraAttrs?: Record<string, unknown>;
}

type EndStatus = 'Success' | 'Error' | 'Stopped';

const FINAL_SQL = `('Success', 'Error', 'Stopped')`;

/**
 * The SQL over execution, task and job_log that core (creates executions, serves history) and
 * jobservice (records each run) share. Every task change recomputes its execution's status in
 * the same transaction.
 */
export class ExecutionStore {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * One execution with Pending tasks, in one transaction: `tasks` is their count, or each one's
   * starting extra_attrs (e.g. a retention task's repository, shown before the task runs).
   */
  async create(type: JobType, e: NewExecution, tasks: number | readonly Record<string, unknown>[]): Promise<{ executionId: number; taskIds: number[] }> {
    const taskCount = typeof tasks === 'number' ? tasks : tasks.length;
    const taskAttrs = typeof tasks === 'number' ? [] : tasks.map((t) => JSON.stringify(t));
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: number }>(
        `INSERT INTO execution (vendor_type, vendor_id, status, trigger, extra_attrs) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [type, e.vendorId, taskCount === 0 ? 'Success' : 'Pending', e.trigger, JSON.stringify(e.extraAttrs ?? {})],
      );
      const tasks = await tx.query<{ id: number }>(
        `INSERT INTO task (execution_id, vendor_type, extra_attrs)
         SELECT $1::int, $2, COALESCE(($4::jsonb[])[i], '{}') FROM generate_series(1, $3::int) AS i ORDER BY i RETURNING id`,
        [row.id, type, taskCount, taskAttrs],
      );
      if (taskCount === 0) await tx.query(`UPDATE execution SET end_time = now() WHERE id = $1`, [row.id]);
      return { executionId: Number(row.id), taskIds: tasks.map((t) => Number(t.id)).sort((a, b) => a - b) };
    });
  }

  async execution(id: number): Promise<ExecutionRecord | undefined> {
    const [row] = await this.db.query(`SELECT * FROM execution WHERE id = $1`, [id]);
    return row ? executionRecord(row) : undefined;
  }

  /** Newest first. */
  async executions(type: JobType, vendorId: number, page: { offset: number; limit: number }): Promise<{ total: number; items: ExecutionRecord[] }> {
    const [{ count }] = await this.db.query<{ count: string }>(`SELECT count(*) FROM execution WHERE vendor_type = $1 AND vendor_id = $2`, [type, vendorId]);
    const rows = await this.db.query(
      `SELECT * FROM execution WHERE vendor_type = $1 AND vendor_id = $2 ORDER BY id DESC OFFSET $3 LIMIT $4`,
      [type, vendorId, page.offset, page.limit],
    );
    return { total: Number(count), items: rows.map(executionRecord) };
  }

  async tasks(executionId: number): Promise<TaskRecord[]> {
    return (await this.db.query(`SELECT * FROM task WHERE execution_id = $1 ORDER BY id`, [executionId])).map(taskRecord);
  }

  async task(id: number): Promise<TaskRecord | undefined> {
    const [row] = await this.db.query(`SELECT * FROM task WHERE id = $1`, [id]);
    return row ? taskRecord(row) : undefined;
  }

  /** The task a jobservice job id belongs to (the dashboard addresses jobs by that id). */
  async taskByJobId(jobId: string): Promise<TaskRecord | undefined> {
    const [row] = await this.db.query(`SELECT * FROM task WHERE job_id = $1 ORDER BY id DESC LIMIT 1`, [jobId]);
    return row ? taskRecord(row) : undefined;
  }

  async setJobId(taskId: number, jobId: string): Promise<void> {
    await this.db.query(`UPDATE task SET job_id = $2, update_time = now() WHERE id = $1`, [taskId, jobId]);
  }

  /**
   * Marks a task Running for one more run, unless it already ended or a stop was asked for.
   * Returns the task as it now is, or undefined when it must not run.
   */
  async start(taskId: number): Promise<TaskRecord | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query(
        `UPDATE task SET status = 'Running', run_count = run_count + 1, status_message = '', start_time = coalesce(start_time, now()), update_time = now()
         WHERE id = $1 AND status NOT IN ${FINAL_SQL} AND NOT stop_requested RETURNING *`,
        [taskId],
      );
      if (!row) return undefined;
      const task = taskRecord(row);
      await refreshExecution(tx, task.executionId);
      return task;
    });
  }

  /** A failed run that BullMQ will retry: back to Pending with the reason. */
  async retryLater(taskId: number, message: string): Promise<void> {
    await this.setStatus(taskId, 'Pending', message, `status_message = $3`);
  }

  /** Ends a task (no-op when it already ended); the summary is merged into extra_attrs. */
  async finish(taskId: number, status: EndStatus, message = '', summary?: Record<string, unknown>): Promise<boolean> {
    return this.setStatus(taskId, status, message, `status_message = $3, end_time = now(), extra_attrs = extra_attrs || $4::jsonb`, JSON.stringify(summary ?? {}));
  }

  async progress(taskId: number, done: number, total?: number): Promise<void> {
    await this.db.query(
      `UPDATE task SET progress_done = $2, progress_total = coalesce($3, progress_total), update_time = now() WHERE id = $1`,
      [taskId, done, total ?? null],
    );
  }

  /** Records a stop request on every unfinished task of the execution; returns those tasks. */
  async requestStop(executionId: number): Promise<TaskRecord[]> {
    const rows = await this.db.query(
      `UPDATE task SET stop_requested = true, update_time = now() WHERE execution_id = $1 AND status NOT IN ${FINAL_SQL} RETURNING *`,
      [executionId],
    );
    return rows.map(taskRecord);
  }

  async requestTaskStop(taskId: number): Promise<TaskRecord | undefined> {
    const [row] = await this.db.query(
      `UPDATE task SET stop_requested = true, update_time = now() WHERE id = $1 AND status NOT IN ${FINAL_SQL} RETURNING *`,
      [taskId],
    );
    return row ? taskRecord(row) : undefined;
  }

  async appendLog(taskId: number, lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    await this.db.query(`INSERT INTO job_log (task_id, line) SELECT $1, unnest($2::text[])`, [taskId, lines]);
  }

  /** The task's log joined with '\n'; undefined when the task does not exist. */
  async log(taskId: number): Promise<string | undefined> {
    const rows = await this.db.query<{ line: string | null }>(
      `SELECT l.line FROM task t LEFT JOIN job_log l ON l.task_id = t.id WHERE t.id = $1 ORDER BY l.id`,
      [taskId],
    );
    if (rows.length === 0) return undefined;
    return rows.filter((r) => r.line !== null).map((r) => r.line).join('\n');
  }

  /** Drops job log lines older than the retention (logger_sweeper_duration). */
  async sweepLogs(olderThanMs: number): Promise<void> {
    await this.db.query(`DELETE FROM job_log WHERE log_time < now() - $1 * interval '1 millisecond'`, [olderThanMs]);
  }

  private async setStatus(taskId: number, status: TaskStatus, message: string, set: string, extra?: unknown): Promise<boolean> {
    const params = extra === undefined ? [taskId, status, message] : [taskId, status, message, extra];
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ execution_id: number }>(
        `UPDATE task SET status = $2, ${set}, update_time = now() WHERE id = $1 AND status NOT IN ${FINAL_SQL} RETURNING execution_id`,
        params,
      );
      if (row) await refreshExecution(tx, Number(row.execution_id));
      return row !== undefined;
    });
  }
}

/**
 * Harbor's rule (executionStatus) over the current task statuses, in the transaction that
 * changed a task and under the execution's row lock: concurrent task endings serialise here,
 * and the last one sees them all.
 */
async function refreshExecution(tx: SqlRunner, executionId: number): Promise<void> {
  await tx.query(`SELECT id FROM execution WHERE id = $1 FOR UPDATE`, [executionId]);
  const tasks = await tx.query<{ status: TaskStatus; status_message: string }>(`SELECT status, status_message FROM task WHERE execution_id = $1`, [executionId]);
  const status = executionStatus(tasks.map((t) => t.status));
  const message = tasks.find((t) => t.status === 'Error')?.status_message ?? '';
  await tx.query(
    `UPDATE execution SET status = $2, status_message = $3, update_time = now(),
       end_time = CASE WHEN $4::boolean THEN coalesce(end_time, now()) ELSE NULL END WHERE id = $1`,
    [executionId, status, message, isFinal(status)],
  );
}
