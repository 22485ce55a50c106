import { Injectable } from '@nestjs/common';
import type { Action } from '@harbor-ts/rbac';
import { AccessService, denied } from '../auth/access.service';
import { ProjectDirectory } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';

/**
 * Harbor's label requireAccess: a global label is a system resource (sysadmin, or a system
 * robot granted label:<action>), except that any signed-in user may read global labels, which
 * every project's label picker shows; a project label is the project's `label` resource.
 */
@Injectable()
export class LabelAccess {
  constructor(private readonly access: AccessService, private readonly projects: ProjectDirectory) {}

  async require(ctx: SecurityContext, label: { scope: 'g' | 'p'; projectId: number }, action: Action): Promise<void> {
    if (label.scope === 'g') {
      if (action === 'read' || action === 'list') this.access.requireAuthenticated(ctx);
      else this.access.requireSystem(ctx, 'label', action);
      return;
    }
    await this.requireProject(ctx, label.projectId, action);
  }

  /** A project the caller may not see answers 401/403, not 404, so its existence does not leak. */
  async requireProject(ctx: SecurityContext, projectId: number, action: Action): Promise<void> {
    const project = projectId > 0 && projectId <= 2_147_483_647 ? await this.projects.byId(projectId) : undefined;
    if (!project) {
      if (ctx.isSysAdmin) throw HarborError.notFound(`project ${projectId} not found`);
      throw denied(ctx);
    }
    await this.access.require(ctx, project, 'label', action);
  }
}
