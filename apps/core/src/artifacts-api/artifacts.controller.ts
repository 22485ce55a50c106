import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { listRequest, setListHeaders } from '../projects/list-query';
import { ProjectGuard, fullRepositoryName } from '../repositories/project-guard';
import { ARTIFACT_DEFAULT_SORT, ARTIFACT_FIELDS, ARTIFACT_SORTS } from './artifact-filters';
import { ArtifactCopyFlow } from './artifact-copy.flow';
import { ArtifactsService, type WithOptions } from './artifacts.service';
import { boolParam, requestPath, requiredParam } from './request-params';

const ARTIFACTS = 'api/v2.0/projects/:project_name/repositories/:repository_name/artifacts';

function withOptions(req: Request): WithOptions {
  // with_scan_overview, with_sbom_overview, with_signature, with_immutable_status: validated,
  // but there is nothing to add yet (no scanners or immutable rules).
  for (const name of ['with_scan_overview', 'with_sbom_overview', 'with_signature', 'with_immutable_status', 'with_inherited_accessory']) {
    boolParam(req, name, false);
  }
  return { withTag: boolParam(req, 'with_tag', true), withAccessory: boolParam(req, 'with_accessory', false), withLabel: boolParam(req, 'with_label', false) };
}

@Controller()
export class ArtifactsController {
  constructor(private readonly service: ArtifactsService, private readonly copier: ArtifactCopyFlow, private readonly guard: ProjectGuard) {}

  @Get(ARTIFACTS)
  async list(@Ctx() ctx: SecurityContext, @Param('project_name') p: string, @Param('repository_name') r: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<unknown[]> {
    await this.guard.require(ctx, p, 'artifact', 'list');
    const list = listRequest(req, ARTIFACT_FIELDS, ARTIFACT_SORTS, ARTIFACT_DEFAULT_SORT);
    const page = await this.service.list(fullRepositoryName(p, r), list, withOptions(req));
    setListHeaders(req, res, list.paging, page.total);
    return page.items;
  }

  @Post(ARTIFACTS)
  @HttpCode(201)
  async copy(@Ctx() ctx: SecurityContext, @Param('project_name') p: string, @Param('repository_name') r: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const target = await this.guard.require(ctx, p, 'artifact', 'create');
    const reference = await this.copier.copy(ctx, target, fullRepositoryName(p, r), requiredParam(req, 'from'));
    res.setHeader('Location', `${requestPath(req)}/${reference}`);
  }

  @Get(`${ARTIFACTS}/:reference`)
  async get(@Ctx() ctx: SecurityContext, @Param('project_name') p: string, @Param('repository_name') r: string, @Param('reference') ref: string, @Req() req: Request): Promise<unknown> {
    await this.guard.require(ctx, p, 'artifact', 'read');
    return this.service.get(fullRepositoryName(p, r), ref, withOptions(req));
  }

  @Delete(`${ARTIFACTS}/:reference`)
  async delete(@Ctx() ctx: SecurityContext, @Param('project_name') p: string, @Param('repository_name') r: string, @Param('reference') ref: string): Promise<void> {
    const project = await this.guard.require(ctx, p, 'artifact', 'delete');
    await this.service.delete(ctx, project, fullRepositoryName(p, r), ref);
  }
}
