import { Body, Controller, Delete, Get, Headers, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { parsePaging } from '@harbor-ts/api-query';
import type { Request, Response } from 'express';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { parseList, setListHeaders } from '../projects/list-query';
import { isResourceName } from '../projects/project-access';
import { parseBody } from '../common/parse-body';
import { projectMemberSchema, roleRequestSchema } from './member.dto';
import { MembersService } from './members.service';

const BASE = 'api/v2.0/projects/:project_name_or_id/members';

@Controller()
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get(BASE)
  async list(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Req() req: Request, @Res({ passthrough: true }) res: Response,
    @Query() q: Record<string, string>, @Headers('x-is-resource-name') isName?: string) {
    const paging = parseList(() => parsePaging({ page: q.page, page_size: q.page_size }));
    const { total, items } = await this.members.list(ctx, p, isResourceName(isName), q.entityname, paging);
    setListHeaders(req, res, paging, total);
    return items;
  }

  @Post(BASE)
  async create(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Body() body: unknown,
    @Res({ passthrough: true }) res: Response, @Headers('x-is-resource-name') isName?: string) {
    const id = await this.members.create(ctx, p, isResourceName(isName), parseBody(projectMemberSchema, body));
    res.setHeader('Location', `/api/v2.0/projects/${encodeURIComponent(p)}/members/${id}`);
  }

  @Get(`${BASE}/:mid`)
  get(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Param('mid') mid: string, @Headers('x-is-resource-name') isName?: string) {
    return this.members.get(ctx, p, isResourceName(isName), memberId(mid));
  }

  @Put(`${BASE}/:mid`)
  update(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Param('mid') mid: string, @Body() body: unknown,
    @Headers('x-is-resource-name') isName?: string) {
    const id = memberId(mid);
    return this.members.updateRole(ctx, p, isResourceName(isName), id, parseBody(roleRequestSchema, body).role_id);
  }

  @Delete(`${BASE}/:mid`)
  delete(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Param('mid') mid: string, @Headers('x-is-resource-name') isName?: string) {
    return this.members.delete(ctx, p, isResourceName(isName), memberId(mid));
  }
}

/** {mid}: a positive int64 as go-swagger parses it; 0 is Harbor's "member id can not be empty". */
function memberId(raw: string): number {
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw HarborError.badRequest(`mid in path must be of type int64: "${raw}"`);
  if (Number(raw) === 0) throw HarborError.badRequest('member id can not be empty');
  return Number(raw);
}
