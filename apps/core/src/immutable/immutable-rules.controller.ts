import { Body, Controller, Delete, Get, Headers, Param, Post, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { parseBody } from '../common/parse-body';
import { listRequest, setListHeaders } from '../projects/list-query';
import { isResourceName } from '../projects/project-access';
import { immutableRuleBody } from './immutable-rule';
import { ImmutableRulesService } from './immutable-rules.service';

const BASE = 'api/v2.0/projects/:project_name_or_id/immutabletagrules';
const FIELDS = { id: { type: 'int' }, disabled: { type: 'bool' } } as const;
const SORTS = { id: 'id', creation_time: 'creation_time' };

/** /api/v2.0/projects/{p}/immutabletagrules, Harbor's ListImmuRules, CreateImmuRule, UpdateImmuRule, DeleteImmuRule. */
@Controller()
export class ImmutableRulesController {
  constructor(private readonly rules: ImmutableRulesService) {}

  @Get(BASE)
  async list(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Req() req: Request, @Res({ passthrough: true }) res: Response,
    @Headers('x-is-resource-name') isName?: string) {
    const list = listRequest(req, FIELDS, SORTS, 'id');
    const { total, items } = await this.rules.list(ctx, p, isResourceName(isName), list);
    setListHeaders(req, res, list.paging, total);
    return items;
  }

  @Post(BASE)
  async create(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Body() body: unknown, @Req() req: Request,
    @Res({ passthrough: true }) res: Response, @Headers('x-is-resource-name') isName?: string) {
    const id = await this.rules.create(ctx, p, isResourceName(isName), parseBody(immutableRuleBody, body));
    res.setHeader('Location', `${req.baseUrl}${req.path.replace(/\/$/, '')}/${id}`);
  }

  @Put(`${BASE}/:immutable_rule_id`)
  update(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Param('immutable_rule_id') id: string, @Body() body: unknown,
    @Headers('x-is-resource-name') isName?: string) {
    const ruleId = parseRuleId(id);
    return this.rules.update(ctx, p, isResourceName(isName), ruleId, parseBody(immutableRuleBody, body));
  }

  @Delete(`${BASE}/:immutable_rule_id`)
  delete(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Param('immutable_rule_id') id: string,
    @Headers('x-is-resource-name') isName?: string) {
    return this.rules.delete(ctx, p, isResourceName(isName), parseRuleId(id));
  }
}

/** {immutable_rule_id}: an int64 as go-swagger parses it. */
function parseRuleId(raw: string): number {
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw HarborError.badRequest(`immutable_rule_id in path must be of type int64: "${raw}"`);
  return Number(raw);
}
