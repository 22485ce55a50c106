import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put } from '@nestjs/common';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { isResourceName } from './project-access';
import { ProjectMetadataService } from './project-metadata.service';

// Harbor's paths end in "metadatas/"; express matches them with or without the slash.
const BASE = 'api/v2.0/projects/:project_name_or_id/metadatas';

@Controller()
export class ProjectMetadataController {
  constructor(private readonly metadata: ProjectMetadataService) {}

  @Get(BASE)
  list(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Headers('x-is-resource-name') isName?: string) {
    return this.metadata.list(ctx, p, isResourceName(isName));
  }

  @Post(BASE)
  @HttpCode(200)
  add(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Body() body: unknown, @Headers('x-is-resource-name') isName?: string) {
    return this.metadata.add(ctx, p, isResourceName(isName), objectBody(body));
  }

  @Get(`${BASE}/:meta_name`)
  get(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Param('meta_name') name: string, @Headers('x-is-resource-name') isName?: string) {
    return this.metadata.get(ctx, p, isResourceName(isName), name);
  }

  @Put(`${BASE}/:meta_name`)
  update(
    @Ctx() ctx: SecurityContext,
    @Param('project_name_or_id') p: string,
    @Param('meta_name') name: string,
    @Body() body: unknown,
    @Headers('x-is-resource-name') isName?: string,
  ) {
    return this.metadata.update(ctx, p, isResourceName(isName), name, objectBody(body));
  }

  @Delete(`${BASE}/:meta_name`)
  delete(@Ctx() ctx: SecurityContext, @Param('project_name_or_id') p: string, @Param('meta_name') name: string, @Headers('x-is-resource-name') isName?: string) {
    return this.metadata.delete(ctx, p, isResourceName(isName), name);
  }
}

function objectBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw HarborError.badRequest('invalid request body: a JSON object is required');
  return body as Record<string, unknown>;
}
