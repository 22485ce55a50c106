import { Injectable } from '@nestjs/common';
import type { Action, ProjectResource } from '@harbor-ts/rbac';
import { AccessService, denied } from '../auth/access.service';
import { type ProjectRef, ProjectDirectory } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';

/** The X-Is-Resource-Name header: "true" forces {project_name_or_id} to be read as a name. */
export function isResourceName(header: string | undefined): boolean {
  return header?.toLowerCase() === 'true';
}

/**
 * Resolves `{project_name_or_id}` and checks one permission on it. As in Harbor, the check
 * comes first: a caller who may not act on a project gets 401/403 whether or not it exists,
 * so private project names do not leak; only those allowed everywhere (admins) see 404.
 */
@Injectable()
export class ProjectAccess {
  constructor(private readonly directory: ProjectDirectory, private readonly access: AccessService) {}

  async require(ctx: SecurityContext, nameOrId: string, isName: boolean, resource: ProjectResource, action: Action): Promise<ProjectRef> {
    const project = await this.directory.byNameOrId(nameOrId, isName);
    if (!project) {
      if (ctx.isSysAdmin) throw HarborError.notFound(`project ${nameOrId} not found`);
      throw denied(ctx);
    }
    await this.access.require(ctx, project, resource, action);
    return project;
  }

  can(ctx: SecurityContext, project: ProjectRef, resource: ProjectResource, action: Action): Promise<boolean> {
    return this.access.can(ctx, project, resource, action);
  }
}
