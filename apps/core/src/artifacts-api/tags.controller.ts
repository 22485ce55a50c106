import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { listRequest, setListHeaders } from '../projects/list-query';
import { parseBody } from '../common/parse-body';
import { ProjectGuard, fullRepositoryName } from '../repositories/project-guard';
import { boolParam } from './request-params';
import { ACCESSORY_FIELDS, ACCESSORY_SORTS, TAG_FIELDS, TAG_SORTS, TagsService } from './tags.service';

const ARTIFACT = 'api/v2.0/projects/:project_name/repositories/:repository_name/artifacts/:reference';
const newTagSchema = z.strictObject({ name: z.string() });

@Controller()
export class TagsController {
  constructor(private readonly tags: TagsService, private readonly guard: ProjectGuard) {}

  @Get(`${ARTIFACT}/tags`)
  async list(@Ctx() ctx: SecurityContext, @Param('project_name') p: string, @Param('repository_name') r: string, @Param('reference') ref: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<unknown[]> {
    await this.guard.require(ctx, p, 'tag', 'list');
    const list = listRequest(req, TAG_FIELDS, TAG_SORTS, '-push_time,-id');
    boolParam(req, 'with_immutable_status', false);
    const page = await this.tags.list(fullRepositoryName(p, r), ref, list);
    setListHeaders(req, res, list.paging, page.total);
    return page.items;
  }

  /** 201 without Location: Harbor has no API to get a single tag. */
  @Post(`${ARTIFACT}/tags`)
  @HttpCode(201)
  async create(@Ctx() ctx: SecurityContext, @Param('project_name') p: string, @Param('repository_name') r: string, @Param('reference') ref: string, @Body() body: unknown): Promise<void> {
    const project = await this.guard.require(ctx, p, 'tag', 'create');
    const { name } = parseBody(newTagSchema, body);
    await this.tags.create(ctx, project, fullRepositoryName(p, r), ref, name);
  }

  @Delete(`${ARTIFACT}/tags/:tag_name`)
  async delete(@Ctx() ctx: SecurityContext, @Param('project_name') p: string, @Param('repository_name') r: string, @Param('reference') ref: string, @Param('tag_name') tag: string): Promise<void> {
    const project = await this.guard.require(ctx, p, 'tag', 'delete');
    await this.tags.delete(ctx, project, fullRepositoryName(p, r), ref, tag);
  }

  @Get(`${ARTIFACT}/accessories`)
  async accessories(@Ctx() ctx: SecurityContext, @Param('project_name') p: string, @Param('repository_name') r: string, @Param('reference') ref: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<unknown[]> {
    await this.guard.require(ctx, p, 'accessory', 'list');
    const list = listRequest(req, ACCESSORY_FIELDS, ACCESSORY_SORTS, '-creation_time,-id');
    const page = await this.tags.accessories(fullRepositoryName(p, r), ref, list);
    setListHeaders(req, res, list.paging, page.total);
    return page.items;
  }
}
