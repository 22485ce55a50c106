import { Injectable } from '@nestjs/common';
import type { Action, ProjectResource } from '@harbor-ts/rbac';
import { AccessService, denied } from '../auth/access.service';
import { type ProjectRef, ProjectDirectory } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';

/**
 * Resolves `{project_name}` and checks one permission, Harbor's RequireProjectAccess: the check
 * comes before any lookup result is revealed, so a private project's existence does not leak;
 * only callers allowed everywhere (sysadmins) learn that a project does not exist.
 */
@Injectable()
export class ProjectGuard {
  constructor(private readonly directory: ProjectDirectory, private readonly access: AccessService) {}

  async require(ctx: SecurityContext, projectName: string, resource: ProjectResource, action: Action): Promise<ProjectRef> {
    const project = await this.directory.byName(projectName);
    if (!project) {
      if (ctx.isSysAdmin) throw HarborError.notFound(`project ${projectName} not found`);
      throw denied(ctx);
    }
    await this.access.require(ctx, project, resource, action);
    return project;
  }
}

/**
 * Harbor's `{repository_name}`: the part after the project, URL-encoded twice when it holds a
 * slash ("a%252Fb"). Express decoded it once; a second decode gives the name (a single-encoded
 * "a%2Fb" arrives as "a/b" and stays so).
 */
export function fullRepositoryName(projectName: string, repositoryParam: string): string {
  let name: string;
  try {
    name = decodeURIComponent(repositoryParam);
  } catch {
    throw HarborError.badRequest(`invalid repository name: ${repositoryParam}`);
  }
  return `${projectName}/${name}`;
}
