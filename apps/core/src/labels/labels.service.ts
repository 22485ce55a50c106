import { Injectable } from '@nestjs/common';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import type { ListRequest } from '../projects/list-query';
import { type LabelCreateBody, validateName, validateScope } from './label.dto';
import { LabelAccess } from './label-access';
import { type LabelRow, toLabelView } from './label.view';
import { LabelsRepository } from './labels.repository';

export interface ListParams {
  scope?: string;
  projectId?: number;
  name?: string;
}

/** Label rules of Harbor's label handler: scope checks, permissions, name rule, uniqueness. */
@Injectable()
export class LabelsService {
  constructor(private readonly labels: LabelsRepository, private readonly access: LabelAccess) {}

  async list(ctx: SecurityContext, params: ListParams, list: ListRequest): Promise<{ items: Record<string, unknown>[]; total: number }> {
    if (params.scope !== 'g' && params.scope !== 'p') throw HarborError.badRequest(`invalid scope: ${params.scope ?? ''}`);
    let projectId = 0;
    if (params.scope === 'p') {
      if (!params.projectId) throw HarborError.badRequest('must with project ID when to query project labels');
      projectId = params.projectId;
    }
    await this.access.require(ctx, { scope: params.scope, projectId }, 'list');
    const { rows, total } = await this.labels.page({ scope: params.scope, projectId, name: params.name }, list);
    return { items: rows.map(toLabelView), total };
  }

  async get(ctx: SecurityContext, id: number): Promise<Record<string, unknown>> {
    const label = await this.find(id);
    await this.access.require(ctx, scopeOf(label), 'read');
    return toLabelView(label);
  }

  async create(ctx: SecurityContext, body: LabelCreateBody): Promise<number> {
    const { scope, projectId } = validateScope(body);
    await this.access.require(ctx, { scope, projectId }, 'create');
    const name = validateName(body.name);
    const id = await this.labels.create({ name, description: body.description ?? '', color: body.color ?? '', scope, projectId });
    if (id === undefined) throw HarborError.conflict(`label ${name} already exists`);
    return id;
  }

  /** Only name, description and color change; scope and project_id in the body are ignored. */
  async update(ctx: SecurityContext, id: number, body: LabelCreateBody): Promise<void> {
    const label = await this.find(id);
    await this.access.require(ctx, scopeOf(label), 'update');
    const name = validateName(body.name);
    const ok = await this.labels.update(id, { name, description: body.description ?? '', color: body.color ?? '' });
    if (!ok) throw HarborError.conflict(`label ${name} already exists`);
  }

  async delete(ctx: SecurityContext, id: number): Promise<void> {
    const label = await this.find(id);
    await this.access.require(ctx, scopeOf(label), 'delete');
    await this.labels.delete(id);
  }

  async find(id: number): Promise<LabelRow> {
    const label = await this.labels.byId(id);
    if (!label) throw HarborError.notFound(`label ${id} not found`);
    return label;
  }
}

export const scopeOf = (l: LabelRow) => ({ scope: l.scope, projectId: l.project_id });
