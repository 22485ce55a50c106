import { Injectable } from '@nestjs/common';
import { NOTIFY_TYPES, WEBHOOK_EVENT_TYPES } from '@harbor-ts/jobs';
import type { ProjectRef } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import type { ListRequest } from '../projects/list-query';
import { ProjectAccess } from '../projects/project-access';
import { type PolicyRow, toPolicyView } from './webhook-policy.view';
import { type WebhookPolicyBody, validatePolicy } from './webhook-policy.dto';
import { WebhookPoliciesRepository } from './webhook-policies.repository';
import { WebhookPolicyCache } from './webhook-policy.cache';

/** `{project_name_or_id}` as the controller received it, with X-Is-Resource-Name. */
export interface ProjectParam {
  nameOrId: string;
  isName: boolean;
}

/** The rules of Harbor's webhook policy handler: permissions, validation, uniqueness. */
@Injectable()
export class WebhookPoliciesService {
  constructor(private readonly policies: WebhookPoliciesRepository, private readonly cache: WebhookPolicyCache, private readonly access: ProjectAccess) {}

  async list(ctx: SecurityContext, p: ProjectParam, list: ListRequest): Promise<{ items: Record<string, unknown>[]; total: number }> {
    const project = await this.project(ctx, p, 'list');
    const { rows, total } = await this.policies.page(project.id, list);
    return { items: rows.map(toPolicyView), total };
  }

  async get(ctx: SecurityContext, p: ProjectParam, id: number): Promise<Record<string, unknown>> {
    const project = await this.project(ctx, p, 'read');
    return toPolicyView(await this.find(project, id));
  }

  async create(ctx: SecurityContext, p: ProjectParam, body: WebhookPolicyBody): Promise<number> {
    const project = await this.project(ctx, p, 'create');
    const input = validatePolicy(body);
    const id = await this.policies.create(project.id, input, ctx.name);
    if (id === undefined) throw HarborError.conflict(`notification policy ${input.name} already exists`);
    this.cache.forget(project.id);
    return id;
  }

  async update(ctx: SecurityContext, p: ProjectParam, id: number, body: WebhookPolicyBody): Promise<void> {
    const project = await this.project(ctx, p, 'update');
    await this.find(project, id);
    const input = validatePolicy(body);
    if (!(await this.policies.update(id, input))) throw HarborError.conflict(`notification policy ${input.name} already exists`);
    this.cache.forget(project.id);
  }

  async delete(ctx: SecurityContext, p: ProjectParam, id: number): Promise<void> {
    const project = await this.project(ctx, p, 'delete');
    await this.find(project, id);
    await this.policies.delete(id);
    this.cache.forget(project.id);
  }

  /** One row per policy and subscribed event type, with the newest delivery's start. */
  async lastTriggers(ctx: SecurityContext, p: ProjectParam): Promise<Record<string, unknown>[]> {
    const project = await this.project(ctx, p, 'read');
    const policies = await this.policies.ofProject(project.id);
    const triggers = await this.policies.lastTriggers(policies.map((x) => x.id));
    const at = new Map(triggers.map((t) => [`${t.policy_id}/${t.event_type}`, t.at]));
    return policies.flatMap((policy) => policy.event_types.map((eventType) => {
      const last = at.get(`${policy.id}/${eventType}`);
      return {
        policy_name: policy.name,
        event_type: eventType,
        enabled: policy.enabled,
        creation_time: new Date(policy.creation_time).toISOString(),
        ...(last ? { last_trigger_time: new Date(last).toISOString() } : {}),
      };
    }));
  }

  async supportedEvents(ctx: SecurityContext, p: ProjectParam): Promise<Record<string, unknown>> {
    await this.project(ctx, p, 'read');
    // Only http targets choose a payload format (Harbor's rule).
    return { event_type: [...WEBHOOK_EVENT_TYPES], notify_type: [...NOTIFY_TYPES], payload_formats: [{ notify_type: 'http', formats: ['Default', 'CloudEvents'] }] };
  }

  /** The project after the permission check, for the execution endpoints too. */
  project(ctx: SecurityContext, p: ProjectParam, action: 'list' | 'read' | 'create' | 'update' | 'delete'): Promise<ProjectRef> {
    return this.access.require(ctx, p.nameOrId, p.isName, 'notification-policy', action);
  }

  /** The policy, if it belongs to the project (another project's policy is "not found"). */
  async find(project: ProjectRef, id: number): Promise<PolicyRow> {
    const policy = await this.policies.byId(id);
    if (!policy || policy.project_id !== project.id) throw HarborError.notFound(`webhook policy ${id} not found in project ${project.name}`);
    return policy;
  }
}
