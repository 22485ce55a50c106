import { Body, Controller, Delete, Get, Header, Headers, Param, Post, Put, Req, Res } from '@nestjs/common';
import { type FieldSpec, parsePaging } from '@harbor-ts/api-query';
import type { Request, Response } from 'express';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { parseBody } from '../common/parse-body';
import { listRequest, parseList, setListHeaders } from '../projects/list-query';
import { isResourceName } from '../projects/project-access';
import { parsePathId, webhookPolicySchema } from './webhook-policy.dto';
import { WebhookExecutionsService } from './webhook-executions.service';
import { type ProjectParam, WebhookPoliciesService } from './webhook-policies.service';

const BASE = 'api/v2.0/projects/:project_name_or_id/webhook';
const POLICY = `${BASE}/policies/:webhook_policy_id`;
const POLICY_FIELDS: FieldSpec = { id: { type: 'int' }, name: { type: 'string' }, enabled: { type: 'bool' }, creator: { type: 'string' }, description: { type: 'string' } };
const POLICY_SORTS = { id: 'w.id', name: 'w.name', creation_time: 'w.creation_time', update_time: 'w.update_time' };

const project = (nameOrId: string, header?: string): ProjectParam => ({ nameOrId, isName: isResourceName(header) });
const policyId = (raw: string) => parsePathId('webhook_policy_id', raw);
const paging = (req: Request) => parseList(() => parsePaging({ page: req.query.page as string | undefined, page_size: req.query.page_size as string | undefined }));

@Controller()
export class WebhookPoliciesController {
  constructor(private readonly policies: WebhookPoliciesService, private readonly executions: WebhookExecutionsService) {}

  @Get(`${BASE}/policies`)
  async list(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Req() req: Request, @Res({ passthrough: true }) res: Response,
    @Headers('x-is-resource-name') isName?: string): Promise<unknown[]> {
    const list = listRequest(req, POLICY_FIELDS, POLICY_SORTS, '-creation_time,-id');
    const page = await this.policies.list(ctx, project(p, isName), list);
    setListHeaders(req, res, list.paging, page.total);
    return page.items;
  }

  @Post(`${BASE}/policies`)
  async create(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Body() body: unknown, @Req() req: Request,
    @Res({ passthrough: true }) res: Response, @Headers('x-is-resource-name') isName?: string): Promise<void> {
    const id = await this.policies.create(ctx, project(p, isName), parseBody(webhookPolicySchema, body));
    res.status(201).setHeader('Location', `${req.path.replace(/\/+$/, '')}/${id}`);
  }

  @Get(POLICY)
  get(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Param('webhook_policy_id') id: string, @Headers('x-is-resource-name') isName?: string) {
    return this.policies.get(ctx, project(p, isName), policyId(id));
  }

  @Put(POLICY)
  update(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Param('webhook_policy_id') id: string, @Body() body: unknown,
    @Headers('x-is-resource-name') isName?: string): Promise<void> {
    return this.policies.update(ctx, project(p, isName), policyId(id), parseBody(webhookPolicySchema, body));
  }

  @Delete(POLICY)
  delete(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Param('webhook_policy_id') id: string, @Headers('x-is-resource-name') isName?: string) {
    return this.policies.delete(ctx, project(p, isName), policyId(id));
  }

  @Get(`${POLICY}/executions`)
  async listExecutions(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Param('webhook_policy_id') id: string, @Req() req: Request,
    @Res({ passthrough: true }) res: Response, @Headers('x-is-resource-name') isName?: string): Promise<unknown[]> {
    const page = paging(req);
    const result = await this.executions.executions(ctx, project(p, isName), policyId(id), page);
    setListHeaders(req, res, page, result.total);
    return result.items;
  }

  @Get(`${POLICY}/executions/:execution_id/tasks`)
  async listTasks(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Param('webhook_policy_id') id: string, @Param('execution_id') e: string,
    @Req() req: Request, @Res({ passthrough: true }) res: Response, @Headers('x-is-resource-name') isName?: string): Promise<unknown[]> {
    const page = paging(req);
    const result = await this.executions.tasks(ctx, project(p, isName), policyId(id), parsePathId('execution_id', e), page);
    setListHeaders(req, res, page, result.total);
    return result.items;
  }

  @Get(`${POLICY}/executions/:execution_id/tasks/:task_id/log`)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  taskLog(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Param('webhook_policy_id') id: string, @Param('execution_id') e: string,
    @Param('task_id') t: string, @Headers('x-is-resource-name') isName?: string): Promise<string> {
    return this.executions.log(ctx, project(p, isName), policyId(id), parsePathId('execution_id', e), parsePathId('task_id', t));
  }

  @Get(`${BASE}/lasttrigger`)
  lastTrigger(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Headers('x-is-resource-name') isName?: string) {
    return this.policies.lastTriggers(ctx, project(p, isName));
  }

  @Get(`${BASE}/events`)
  events(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Headers('x-is-resource-name') isName?: string) {
    return this.policies.supportedEvents(ctx, project(p, isName));
  }
}
