import { Injectable } from '@nestjs/common';
import { type Action } from '@harbor-ts/rbac';
import { isFinal, RETENTION_METADATA, type RetentionPolicy, retentionTasks, triggerCron } from '@harbor-ts/jobs';
import type { Paging } from '@harbor-ts/api-query';
import { AccessService } from '../auth/access.service';
import { ProjectDirectory, type ProjectRef } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { type ExecutionView, JobLauncher } from '../jobs/job-launcher';
import { RetentionRepository } from './retention.repository';
import { type PolicyRow, toExecutionView, toPolicy, toTaskView } from './retention.view';

const TYPE = 'RETENTION';

/** Harbor's retention API rules: one policy per project, the `tag-retention` permission, runs per repository. */
@Injectable()
export class RetentionService {
  constructor(private readonly policies: RetentionRepository, private readonly jobs: JobLauncher, private readonly access: AccessService, private readonly projects: ProjectDirectory) {}

  metadata(ctx: SecurityContext): typeof RETENTION_METADATA {
    this.access.requireAuthenticated(ctx);
    return RETENTION_METADATA;
  }

  async create(ctx: SecurityContext, policy: RetentionPolicy): Promise<number> {
    const project = await this.requireProject(ctx, policy.scope.ref, 'create');
    const existing = await this.policies.idOfProject(project.id);
    if (existing !== undefined) throw HarborError.conflict(`project: ${project.id} already has retention policy: ${existing}`);
    const id = await this.policies.insert(policy, (newId) => this.schedule(newId, policy));
    if (id === undefined) throw HarborError.conflict(`project: ${project.id} already has a retention policy`);
    return id;
  }

  async get(ctx: SecurityContext, id: number): Promise<Record<string, unknown>> {
    const row = await this.find(ctx, id, 'read');
    return toPolicy(row) as unknown as Record<string, unknown>;
  }

  /** The scope stays the policy's project; a body naming another one is refused. */
  async update(ctx: SecurityContext, id: number, policy: RetentionPolicy): Promise<void> {
    const row = await this.find(ctx, id, 'update');
    if (policy.scope.ref !== row.scope_reference) throw HarborError.badRequest('the scope of a retention policy cannot change');
    const changed = triggerCron(policy.trigger) !== triggerCron(row.trigger);
    await this.policies.update(id, policy, () => (changed ? this.schedule(id, policy) : Promise.resolve()));
  }

  /** Harbor deletes the executions with the policy, and refuses while one is still running. */
  async delete(ctx: SecurityContext, id: number): Promise<void> {
    const row = await this.find(ctx, id, 'delete');
    const running = (await this.jobs.executions(TYPE, id, { offset: 0, limit: 100 })).items.find((e) => !isFinal(e.status));
    if (running) throw HarborError.precondition(`the retention execution ${running.id} is still running; stop it first`);
    await this.policies.delete(id, row.scope_reference, () => this.jobs.setSchedule(TYPE, id, { type: 'None', cron: '' }, {}));
  }

  /** One task per repository an enabled rule chooses; with none, the execution has no task. */
  async trigger(ctx: SecurityContext, id: number, dryRun: boolean): Promise<number> {
    const row = await this.find(ctx, id, 'update');
    const policy = toPolicy(row);
    const project = await this.projects.byId(row.scope_reference);
    const params = retentionTasks(id, policy.rules, project?.name ?? '', await this.policies.repositoryNames(row.scope_reference), dryRun);
    const { executionId } = await this.jobs.launchMany(TYPE, { vendorId: id, trigger: 'MANUAL', extraAttrs: { dry_run: dryRun } }, params.map((p) => ({ ...p })));
    return executionId;
  }

  async executions(ctx: SecurityContext, id: number, paging: Paging): Promise<{ items: Record<string, unknown>[]; total: number }> {
    await this.find(ctx, id, 'list');
    const page = await this.jobs.executions(TYPE, id, { offset: paging.offset, limit: paging.limit });
    return { items: page.items.map(toExecutionView), total: page.total };
  }

  async stop(ctx: SecurityContext, id: number, executionId: number, action: string | undefined): Promise<void> {
    await this.find(ctx, id, 'update');
    if (action !== 'stop') throw HarborError.badRequest(`unsupported action: ${action ?? ''}, only "stop" is supported`);
    await this.execution(id, executionId);
    await this.jobs.stop(executionId);
  }

  async tasks(ctx: SecurityContext, id: number, executionId: number, paging: Paging): Promise<{ items: Record<string, unknown>[]; total: number }> {
    await this.find(ctx, id, 'list');
    await this.execution(id, executionId);
    const tasks = await this.jobs.tasks(executionId);
    return { items: tasks.slice(paging.offset, paging.offset + paging.limit).map(toTaskView), total: tasks.length };
  }

  async taskLog(ctx: SecurityContext, id: number, executionId: number, taskId: number): Promise<string> {
    await this.find(ctx, id, 'read');
    await this.execution(id, executionId);
    const task = (await this.jobs.tasks(executionId)).find((t) => t.id === taskId);
    const log = task && (await this.jobs.taskLog(taskId));
    if (log === undefined) throw HarborError.notFound(`retention task ${taskId} not found`);
    return log;
  }

  /** Saves the policy's cron as its RETENTION schedule, or removes it when the trigger has none. */
  private schedule(id: number, policy: RetentionPolicy): Promise<void> {
    const cron = triggerCron(policy.trigger);
    return this.jobs.setSchedule(TYPE, id, cron === undefined ? { type: 'None', cron: '' } : { type: 'Custom', cron }, { policyId: id });
  }

  private async find(ctx: SecurityContext, id: number, action: Action): Promise<PolicyRow> {
    this.access.requireAuthenticated(ctx);
    const row = await this.policies.byId(id);
    if (!row) throw HarborError.notFound(`retention policy ${id} not found`);
    await this.requireProject(ctx, row.scope_reference, action);
    return row;
  }

  private async execution(id: number, executionId: number): Promise<ExecutionView> {
    const execution = await this.jobs.execution(executionId);
    if (!execution || execution.vendorType !== TYPE || execution.vendorId !== id) throw HarborError.notFound(`retention execution ${executionId} not found`);
    return execution;
  }

  private async requireProject(ctx: SecurityContext, projectId: number, action: Action): Promise<ProjectRef> {
    this.access.requireAuthenticated(ctx);
    const project = projectId <= 2_147_483_647 ? await this.projects.byId(projectId) : undefined;
    if (!project) throw HarborError.notFound(`project ${projectId} not found`);
    await this.access.require(ctx, project, 'tag-retention', action);
    return project;
  }
}
