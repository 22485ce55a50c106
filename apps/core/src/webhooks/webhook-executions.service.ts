import { Injectable } from '@nestjs/common';
import type { Paging } from '@harbor-ts/api-query';
import type { JobType } from '@harbor-ts/jobs';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { type ExecutionView, JobLauncher, type TaskView } from '../jobs/job-launcher';
import { toExecutionView, toTaskView } from './execution.view';
import { WebhookPoliciesRepository } from './webhook-policies.repository';
import { type ProjectParam, WebhookPoliciesService } from './webhook-policies.service';

/** A policy's deliveries are executions of both vendor types: http targets and Slack ones. */
const VENDOR_TYPES: readonly JobType[] = ['WEBHOOK', 'SLACK'];

/** Executions, tasks and task logs of a webhook policy, read through JobLauncher. */
@Injectable()
export class WebhookExecutionsService {
  constructor(private readonly policies: WebhookPoliciesService, private readonly repo: WebhookPoliciesRepository, private readonly launcher: JobLauncher) {}

  async executions(ctx: SecurityContext, p: ProjectParam, policyId: number, paging: Paging): Promise<{ items: Record<string, unknown>[]; total: number }> {
    await this.policy(ctx, p, policyId);
    // Newest first across both vendor types: each list up to the end of the page, merged.
    const window = { offset: 0, limit: paging.offset + paging.limit };
    const pages = await Promise.all(VENDOR_TYPES.map((type) => this.launcher.executions(type, policyId, window)));
    const merged = pages.flatMap((page) => page.items).sort((a, b) => b.id - a.id).slice(paging.offset, paging.offset + paging.limit);
    const counts = await this.repo.taskCounts(merged.map((e) => e.id));
    const byExecution = new Map<number, Map<string, number>>();
    for (const c of counts) byExecution.set(c.execution_id, (byExecution.get(c.execution_id) ?? new Map()).set(c.status, c.n));
    return { items: merged.map((e) => toExecutionView(e, byExecution.get(e.id) ?? new Map())), total: pages.reduce((sum, page) => sum + page.total, 0) };
  }

  async tasks(ctx: SecurityContext, p: ProjectParam, policyId: number, executionId: number, paging: Paging): Promise<{ items: Record<string, unknown>[]; total: number }> {
    await this.policy(ctx, p, policyId);
    await this.execution(policyId, executionId);
    const tasks = await this.launcher.tasks(executionId);
    return { items: tasks.slice(paging.offset, paging.offset + paging.limit).map(toTaskView), total: tasks.length };
  }

  async log(ctx: SecurityContext, p: ProjectParam, policyId: number, executionId: number, taskId: number): Promise<string> {
    await this.policy(ctx, p, policyId);
    await this.execution(policyId, executionId);
    const task = (await this.launcher.tasks(executionId)).find((t: TaskView) => t.id === taskId);
    if (!task) throw HarborError.notFound(`task ${taskId} not found in execution ${executionId}`);
    return (await this.launcher.taskLog(taskId)) ?? '';
  }

  private async policy(ctx: SecurityContext, p: ProjectParam, policyId: number): Promise<void> {
    const project = await this.policies.project(ctx, p, 'read');
    await this.policies.find(project, policyId);
  }

  private async execution(policyId: number, executionId: number): Promise<ExecutionView> {
    const execution = executionId <= 2_147_483_647 ? await this.launcher.execution(executionId) : undefined;
    if (!execution || execution.vendorId !== policyId || !VENDOR_TYPES.includes(execution.vendorType)) {
      throw HarborError.notFound(`execution ${executionId} not found in policy ${policyId}`);
    }
    return execution;
  }
}
