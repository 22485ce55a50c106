import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { Ctx } from '../auth/ctx.decorator';
import type { SecurityContext } from '../auth/security-context';
import { parseBody } from '../common/parse-body';
import { labelRefSchema, parseLabelId } from '../labels/label.dto';
import { ProjectGuard, fullRepositoryName } from '../repositories/project-guard';
import { ArtifactLabelsService } from './artifact-labels.service';

const LABELS = 'api/v2.0/projects/:project_name/repositories/:repository_name/artifacts/:reference/labels';

/** Harbor's addLabel / removeLabel: artifact-label create and delete on the project. */
@Controller()
export class ArtifactLabelsController {
  constructor(private readonly service: ArtifactLabelsService, private readonly guard: ProjectGuard) {}

  @Post(LABELS)
  @HttpCode(200)
  async add(@Ctx() ctx: SecurityContext, @Param('project_name') p: string, @Param('repository_name') r: string, @Param('reference') ref: string, @Body() body: unknown): Promise<void> {
    await this.guard.require(ctx, p, 'artifact-label', 'create');
    const { id } = parseBody(labelRefSchema, body);
    await this.service.attach(fullRepositoryName(p, r), ref, id);
  }

  @Delete(`${LABELS}/:label_id`)
  async remove(@Ctx() ctx: SecurityContext, @Param('project_name') p: string, @Param('repository_name') r: string, @Param('reference') ref: string, @Param('label_id') labelId: string): Promise<void> {
    await this.guard.require(ctx, p, 'artifact-label', 'delete');
    await this.service.detach(fullRepositoryName(p, r), ref, parseLabelId(labelId));
  }
}
