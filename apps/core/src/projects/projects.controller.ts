import { Body, Controller, Delete, Get, Head, Headers, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { listRequest, setListHeaders } from './list-query';
import { isResourceName } from './project-access';
import { PROJECT_FIELDS, PROJECT_SORTS } from './project-list';
import { parseBody } from '../common/parse-body';
import { projectReqSchema } from './project.dto';
import { ProjectCreateService } from './project-create.service';
import { ProjectSummaryService } from './project-summary.service';
import { ProjectsService } from './projects.service';

const BASE = 'api/v2.0/projects';
const ONE = `${BASE}/:project_name_or_id`;

@Controller()
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly creator: ProjectCreateService,
    private readonly summaries: ProjectSummaryService,
  ) {}

  // Declared before the GET so that express does not answer HEAD with the list handler.
  @Head(BASE)
  head(@Ctx() ctx: SecurityContext, @Query('project_name') name?: string) {
    return this.projects.head(ctx, name);
  }

  @Get(BASE)
  async list(@Ctx() ctx: SecurityContext, @Req() req: Request, @Res({ passthrough: true }) res: Response, @Query() q: Record<string, string>) {
    const list = listRequest(req, PROJECT_FIELDS, PROJECT_SORTS, 'name');
    const params = { name: q.name, owner: q.owner, public: boolParam('public', q.public), withDetail: boolParam('with_detail', q.with_detail) ?? true };
    const { total, items } = await this.projects.list(ctx, list, params);
    setListHeaders(req, res, list.paging, total);
    return items;
  }

  @Post(BASE)
  async create(@Ctx() ctx: SecurityContext, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { id, name } = await this.creator.create(ctx, parseBody(projectReqSchema, body));
    const nameInLocation = req.header('x-resource-name-in-location')?.toLowerCase() === 'true';
    res.setHeader('Location', `/${BASE}/${nameInLocation ? name : id}`);
  }

  @Get(ONE)
  get(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Headers('x-is-resource-name') isName?: string) {
    return this.projects.get(ctx, p, isResourceName(isName));
  }

  @Put(ONE)
  update(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Body() body: unknown, @Headers('x-is-resource-name') isName?: string) {
    return this.projects.update(ctx, p, isResourceName(isName), parseBody(projectReqSchema, body));
  }

  @Delete(ONE)
  delete(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Headers('x-is-resource-name') isName?: string) {
    return this.projects.delete(ctx, p, isResourceName(isName));
  }

  @Get(`${ONE}/_deletable`)
  deletable(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Headers('x-is-resource-name') isName?: string) {
    return this.projects.deletable(ctx, p, isResourceName(isName));
  }

  @Get(`${ONE}/summary`)
  summary(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Headers('x-is-resource-name') isName?: string) {
    return this.summaries.summary(ctx, p, isResourceName(isName));
  }
}

/** Query booleans as go-swagger reads them: absent, "true" or "false". */
export function boolParam(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw HarborError.badRequest(`${name} in query must be of type boolean: "${value}"`);
}
