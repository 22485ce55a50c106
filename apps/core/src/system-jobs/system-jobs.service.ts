import { Injectable } from '@nestjs/common';
import { isFinal } from '@harbor-ts/jobs';
import type { Paging } from '@harbor-ts/api-query';
import { AccessService } from '../auth/access.service';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { type ExecutionView, JobLauncher } from '../jobs/job-launcher';
import { type JobHistoryView, toHistoryView, toScheduleView } from './job-history.view';
import { LaunchLock } from './launch-lock';
import { parseScheduleBody } from './schedule-body';
import type { SystemJobKind } from './system-job-kinds';

/** System-wide vendors (GC, audit purge) have no policy id. */
const VENDOR_ID = -1;
/** How far back a manual run looks for one still unfinished. */
const RECENT_EXECUTIONS = 20;

/** Harbor's /system/gc and /system/purgeaudit, for either kind. */
@Injectable()
export class SystemJobsService {
  constructor(private readonly jobs: JobLauncher, private readonly access: AccessService, private readonly lock: LaunchLock) {}

  async history(ctx: SecurityContext, kind: SystemJobKind, paging: Paging): Promise<{ items: JobHistoryView[]; total: number }> {
    this.access.requireSystem(ctx, kind.resource, 'list');
    const page = await this.jobs.executions(kind.type, VENDOR_ID, { offset: paging.offset, limit: paging.limit });
    return { items: page.items.map(toHistoryView), total: page.total };
  }

  async get(ctx: SecurityContext, kind: SystemJobKind, id: number): Promise<JobHistoryView> {
    this.access.requireSystem(ctx, kind.resource, 'read');
    return toHistoryView(await this.execution(kind, id));
  }

  async stop(ctx: SecurityContext, kind: SystemJobKind, id: number): Promise<void> {
    this.access.requireSystem(ctx, kind.resource, 'stop');
    await this.execution(kind, id);
    await this.jobs.stop(id);
  }

  /** The task logs of the execution, one after the other (GC and purge have one task). */
  async log(ctx: SecurityContext, kind: SystemJobKind, id: number): Promise<string> {
    this.access.requireSystem(ctx, kind.resource, 'read');
    await this.execution(kind, id);
    const tasks = await this.jobs.tasks(id);
    if (tasks.length === 0) throw HarborError.notFound(`${kind.label} ${id} log is not found`);
    const logs = await Promise.all(tasks.map((t) => this.jobs.taskLog(t.id)));
    return logs.filter((l) => l !== undefined && l !== '').join('\n');
  }

  async schedule(ctx: SecurityContext, kind: SystemJobKind): Promise<JobHistoryView | Record<string, never>> {
    this.access.requireSystem(ctx, kind.resource, 'read');
    return toScheduleView(await this.jobs.schedule(kind.type, VENDOR_ID));
  }

  /**
   * POST (action create) and PUT (update) .../schedule: Manual runs now and returns the new
   * execution's id; a periodic type saves the cron with the parameters each run gets; None
   * removes the schedule.
   */
  async setSchedule(ctx: SecurityContext, kind: SystemJobKind, body: unknown, action: 'create' | 'update'): Promise<{ executionId?: number }> {
    this.access.requireSystem(ctx, kind.resource, action);
    const request = parseScheduleBody(body);
    if (request.kind === 'remove') {
      await this.jobs.setSchedule(kind.type, VENDOR_ID, { type: 'None', cron: '' }, {});
      return {};
    }
    const params = kind.parseParameters(request.parameters);
    if (request.kind === 'save') {
      await this.jobs.setSchedule(kind.type, VENDOR_ID, request.schedule, params);
      return {};
    }
    return { executionId: await this.runNow(kind, params) };
  }

  private async runNow(kind: SystemJobKind, params: Record<string, unknown>): Promise<number> {
    const launch = async () => (await this.jobs.launch(kind.type, { vendorId: VENDOR_ID, trigger: 'MANUAL', params, extraAttrs: params })).executionId;
    if (!kind.oneAtATime) return launch();
    return this.lock.exclusively(kind.type, async () => {
      const recent = await this.jobs.executions(kind.type, VENDOR_ID, { offset: 0, limit: RECENT_EXECUTIONS });
      const running = recent.items.find((e) => !isFinal(e.status));
      if (running) {
        throw HarborError.conflict(`a ${kind.label} is already in progress (execution ${running.id}, ${running.status}); wait for it or stop it first`);
      }
      return launch();
    });
  }

  /** The execution, if it is one of this kind: another kind's id is as unknown as a missing one. */
  private async execution(kind: SystemJobKind, id: number): Promise<ExecutionView> {
    const execution = await this.jobs.execution(id);
    if (!execution || execution.vendorType !== kind.type) throw HarborError.notFound(`${kind.label} ${id} not found`);
    return execution;
  }
}
