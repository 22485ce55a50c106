import { Inject, Injectable } from '@nestjs/common';
import { ExecutionStore, type JobType, ScheduleError, scheduleCron, ScheduleStore } from '@harbor-ts/jobs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { HarborError } from '../common/harbor-error';
import { LOGGER } from '../tokens';
import { type ExecutionView, JobLauncher, type LaunchRequest, type ScheduleSpec, type TaskView } from './job-launcher';
import { JobserviceConnection } from './jobservice-target';
import { dataSourceDatabase } from './sql-database';

/**
 * JobLauncher over jobservice: executions and tasks are recorded here (PostgreSQL), then each
 * task is handed to jobservice. When jobservice cannot take it the task ends Error with the
 * reason, so a launch never leaves a task Pending forever; the caller may launch again.
 */
@Injectable()
export class JobserviceLauncher extends JobLauncher {
  private readonly store: ExecutionStore;
  private readonly schedules: ScheduleStore;

  constructor(db: DataSource, private readonly jobservice: JobserviceConnection, @Inject(LOGGER) private readonly log: Logger) {
    super();
    const sql = dataSourceDatabase(db);
    this.store = new ExecutionStore(sql);
    this.schedules = new ScheduleStore(sql);
  }

  async launch(type: JobType, request: LaunchRequest): Promise<{ executionId: number; taskId: number }> {
    const { executionId, taskIds } = await this.submit(type, request, [request.params], 1);
    return { executionId, taskId: taskIds[0] };
  }

  /** Each task's params also start its extra_attrs, so a task shows what it is for before it runs. */
  launchMany(type: JobType, request: Omit<LaunchRequest, 'params'>, params: Record<string, unknown>[]): Promise<{ executionId: number; taskIds: number[] }> {
    return this.submit(type, request, params, params);
  }

  private async submit(type: JobType, request: Omit<LaunchRequest, 'params'>, params: Record<string, unknown>[], tasks: number | Record<string, unknown>[]): Promise<{ executionId: number; taskIds: number[] }> {
    const { executionId, taskIds } = await this.store.create(type, { vendorId: request.vendorId ?? -1, trigger: request.trigger, extraAttrs: request.extraAttrs }, tasks);
    for (const [i, taskId] of taskIds.entries()) {
      await this.jobservice.client.submit({ type, executionId, taskId, params: params[i] }).catch(async (err: unknown) => {
        this.log.error({ err, type, taskId }, 'jobservice did not take the task');
        await this.store.finish(taskId, 'Error', `jobservice is unavailable: ${err instanceof Error ? err.message : String(err)}`);
      });
    }
    return { executionId, taskIds };
  }

  async stop(executionId: number): Promise<void> {
    const tasks = await this.store.requestStop(executionId);
    for (const task of tasks) {
      // The request is on the row: a task jobservice has not picked up yet will never start.
      await this.jobservice.client.stop(task.id).catch((err: unknown) => this.log.warn({ err, taskId: task.id }, 'jobservice did not take the stop request'));
    }
  }

  execution(id: number): Promise<ExecutionView | undefined> {
    return this.store.execution(id);
  }

  executions(type: JobType, vendorId: number, page: { offset: number; limit: number }): Promise<{ total: number; items: ExecutionView[] }> {
    return this.store.executions(type, vendorId, page);
  }

  async tasks(executionId: number): Promise<TaskView[]> {
    return this.store.tasks(executionId);
  }

  taskLog(taskId: number): Promise<string | undefined> {
    return this.store.log(taskId);
  }

  async setSchedule(type: JobType, vendorId: number, schedule: ScheduleSpec, params: Record<string, unknown>): Promise<void> {
    let cron: string | undefined;
    try {
      cron = scheduleCron(schedule);
    } catch (err) {
      if (err instanceof ScheduleError) throw HarborError.badRequest(err.message);
      throw err;
    }
    if (cron === undefined) await this.schedules.remove(type, vendorId);
    else await this.schedules.save(type, vendorId, schedule.type, cron, params);
    // The table is the truth; jobservice also re-reads it whenever it starts.
    await this.jobservice.client.syncSchedules().catch((err: unknown) => this.log.warn({ err, type, vendorId }, 'jobservice did not re-read the schedules'));
  }

  async schedule(type: JobType, vendorId: number): Promise<(ScheduleSpec & { params: Record<string, unknown>; creationTime: Date; updateTime: Date }) | undefined> {
    const row = await this.schedules.get(type, vendorId);
    if (!row) return undefined;
    return { type: row.cronType as ScheduleSpec['type'], cron: row.cron, params: row.params, creationTime: row.creationTime, updateTime: row.updateTime };
  }
}
