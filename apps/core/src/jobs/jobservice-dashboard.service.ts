import { Injectable } from '@nestjs/common';
import { ExecutionStore, isJobType, type JobQueueView, type JobType, JobServiceError, type QueueAction, QUEUE_ACTIONS, ScheduleStore, type WorkerPoolView, type WorkerView } from '@harbor-ts/jobs';
import { DataSource } from 'typeorm';
import { AccessService } from '../auth/access.service';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { JobserviceConnection } from './jobservice-target';
import { dataSourceDatabase } from './sql-database';

export interface ScheduleTaskView {
  id: number;
  vendor_type: string;
  vendor_id: number;
  cron: string;
  update_time: string;
}

/**
 * Harbor's jobservice dashboard (sysadmin, or a robot granted jobservice-monitor): pools and
 * workers and queues come from jobservice, jobs, logs and schedules from PostgreSQL.
 */
@Injectable()
export class JobserviceDashboardService {
  private readonly store: ExecutionStore;
  private readonly schedules: ScheduleStore;

  constructor(db: DataSource, private readonly access: AccessService, private readonly jobservice: JobserviceConnection) {
    const sql = dataSourceDatabase(db);
    this.store = new ExecutionStore(sql);
    this.schedules = new ScheduleStore(sql);
  }

  pools(ctx: SecurityContext): Promise<WorkerPoolView[]> {
    this.access.requireSystem(ctx, 'jobservice-monitor', 'list');
    return this.jobservice.client.pools();
  }

  async workers(ctx: SecurityContext, poolId: string): Promise<WorkerView[]> {
    this.access.requireSystem(ctx, 'jobservice-monitor', 'list');
    return this.jobservice.client.workers(poolId).catch((err: unknown) => {
      if (err instanceof JobServiceError && err.status === 404) throw HarborError.notFound(`worker pool ${poolId} not found`);
      throw err;
    });
  }

  /** Stops the job with that jobservice job id (`task-<id>`, or a schedule firing's id). */
  async stopJob(ctx: SecurityContext, jobId: string): Promise<void> {
    this.access.requireSystem(ctx, 'jobservice-monitor', 'stop');
    const task = await this.store.taskByJobId(jobId);
    if (!task) throw HarborError.notFound(`job ${jobId} not found`);
    if (!(await this.store.requestTaskStop(task.id))) return; // already ended
    await this.jobservice.client.stop(task.id);
  }

  async jobLog(ctx: SecurityContext, jobId: string): Promise<string> {
    this.access.requireSystem(ctx, 'jobservice-monitor', 'list');
    const task = await this.store.taskByJobId(jobId);
    const log = task ? await this.store.log(task.id) : undefined;
    if (log === undefined) throw HarborError.notFound(`job ${jobId} not found`);
    return log;
  }

  queues(ctx: SecurityContext): Promise<JobQueueView[]> {
    this.access.requireSystem(ctx, 'jobservice-monitor', 'list');
    return this.jobservice.client.queues();
  }

  async queueAction(ctx: SecurityContext, jobType: string, body: unknown): Promise<void> {
    this.access.requireSystem(ctx, 'jobservice-monitor', 'stop');
    const type = queueType(jobType);
    const action = (body as { action?: unknown } | null)?.action;
    const normalized = typeof action === 'string' ? action.toLowerCase() : '';
    if (!(QUEUE_ACTIONS as readonly string[]).includes(normalized)) throw HarborError.badRequest(`the action is not supported: it must be one of ${QUEUE_ACTIONS.join(', ')}`);
    await this.jobservice.client.queueAction(type, normalized as QueueAction);
  }

  async schedulesPage(ctx: SecurityContext, offset: number, limit: number): Promise<{ total: number; items: ScheduleTaskView[] }> {
    this.access.requireSystem(ctx, 'jobservice-monitor', 'list');
    const page = await this.schedules.page(offset, limit);
    return {
      total: page.total,
      items: page.items.map((s) => ({ id: s.id, vendor_type: s.vendorType, vendor_id: s.vendorId, cron: s.cron, update_time: s.updateTime.toISOString() })),
    };
  }

  /** Harbor answers this for 'all' only: are the schedules' queues paused. */
  async schedulePaused(ctx: SecurityContext, jobType: string): Promise<{ paused: boolean }> {
    this.access.requireSystem(ctx, 'jobservice-monitor', 'list');
    if (jobType !== 'all') throw HarborError.badRequest(`job_type can only be 'all'`);
    return { paused: (await this.jobservice.client.queues()).every((q) => q.paused) };
  }
}

/** Harbor upper-cases the path's job type; 'all' stands for every queue. */
function queueType(value: string): JobType | 'all' {
  if (value.toLowerCase() === 'all') return 'all';
  const upper = value.toUpperCase();
  if (!isJobType(upper)) throw HarborError.notFound(`job type ${value} not found`);
  return upper;
}
