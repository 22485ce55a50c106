import { Body, Controller, Delete, Get, Param, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { listRequest, setListHeaders } from '../projects/list-query';
import { parseBody } from '../common/parse-body';
import { ProjectGuard, fullRepositoryName } from './project-guard';
import { REPOSITORY_DEFAULT_SORT, REPOSITORY_FIELDS, REPOSITORY_SORTS } from './repositories.repository';
import { RepositoriesService } from './repositories.service';
import type { RepositoryView } from './repository.view';

const REPO = 'api/v2.0/projects/:project_name/repositories/:repository_name';

/** The Repository model as a PUT body: only description is applied, as in Harbor. */
const repositorySchema = z.strictObject({
  id: z.number().int().optional(),
  project_id: z.number().int().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  artifact_count: z.number().int().optional(),
  pull_count: z.number().int().optional(),
  creation_time: z.string().nullable().optional(),
  update_time: z.string().optional(),
});

@Controller()
export class RepositoriesController {
  constructor(private readonly service: RepositoriesService, private readonly guard: ProjectGuard) {}

  @Get('api/v2.0/repositories')
  async listAll(@Ctx() ctx: SecurityContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<RepositoryView[]> {
    const list = listRequest(req, REPOSITORY_FIELDS, REPOSITORY_SORTS, REPOSITORY_DEFAULT_SORT);
    const page = await this.service.listAll(ctx, list);
    setListHeaders(req, res, list.paging, page.total);
    return page.items;
  }

  @Get('api/v2.0/projects/:project_name/repositories')
  async list(@Ctx() ctx: SecurityContext, @Param('project_name') projectName: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<RepositoryView[]> {
    const project = await this.guard.require(ctx, projectName, 'repository', 'list');
    const list = listRequest(req, REPOSITORY_FIELDS, REPOSITORY_SORTS, REPOSITORY_DEFAULT_SORT);
    const page = await this.service.listInProject(project, list);
    setListHeaders(req, res, list.paging, page.total);
    return page.items;
  }

  @Get(REPO)
  async get(@Ctx() ctx: SecurityContext, @Param('project_name') p: string, @Param('repository_name') r: string): Promise<RepositoryView> {
    await this.guard.require(ctx, p, 'repository', 'read');
    return this.service.get(fullRepositoryName(p, r));
  }

  @Put(REPO)
  async update(@Ctx() ctx: SecurityContext, @Param('project_name') p: string, @Param('repository_name') r: string, @Body() body: unknown): Promise<void> {
    await this.guard.require(ctx, p, 'repository', 'update');
    const req = parseBody(repositorySchema, body);
    await this.service.update(fullRepositoryName(p, r), req.description ?? '');
  }

  @Delete(REPO)
  async delete(@Ctx() ctx: SecurityContext, @Param('project_name') p: string, @Param('repository_name') r: string): Promise<void> {
    const project = await this.guard.require(ctx, p, 'repository', 'delete');
    await this.service.delete(ctx, project, fullRepositoryName(p, r));
  }
}
