import { Injectable } from '@nestjs/common';
import { type Action, type ProjectResource, type SystemResource, isProjectRoleId, publicProjectCan, robotCan, robotCanSystem, roleCan } from '@harbor-ts/rbac';
import { HarborError } from '../common/harbor-error';
import type { ProjectRef } from './project-directory';
import { ProjectDirectory } from './project-directory';
import type { SecurityContext } from './security-context';

/**
 * Harbor's permission evaluation: sysadmin may do anything; a robot what its permission list
 * grants; a user what their project role grants; anyone, anonymous included, what a public
 * project allows. Every API handler and every /v2 scope goes through here.
 */
@Injectable()
export class AccessService {
  constructor(private readonly projects: ProjectDirectory) {}

  async can(ctx: SecurityContext, project: ProjectRef, resource: ProjectResource, action: Action): Promise<boolean> {
    if (ctx.isSysAdmin) return true;
    const p = ctx.principal;
    if (p.kind === 'robot') {
      if (p.robot.level === 'project' && p.robot.projectId !== project.id) return false;
      if (robotCan(p.robot.permissions, project.name, resource, action, p.robot.level)) return true;
    }
    if (p.kind === 'user') {
      const role = await this.projects.roleOf(p.user.id, project.id);
      if (role !== undefined && isProjectRoleId(role) && roleCan(role, resource, action)) return true;
    }
    return project.public && publicProjectCan(resource, action);
  }

  /** Throws 401 for an anonymous caller and 403 for an authenticated one. */
  async require(ctx: SecurityContext, project: ProjectRef, resource: ProjectResource, action: Action): Promise<void> {
    if (!(await this.can(ctx, project, resource, action))) throw denied(ctx);
  }

  /** System-level resources (users, quotas, audit logs ...): sysadmin, or a robot granted it. */
  canSystem(ctx: SecurityContext, resource: SystemResource, action: Action): boolean {
    if (ctx.isSysAdmin) return true;
    const p = ctx.principal;
    return p.kind === 'robot' && p.robot.level === 'system' && robotCanSystem(p.robot.permissions, resource, action);
  }

  requireSystem(ctx: SecurityContext, resource: SystemResource, action: Action): void {
    if (!this.canSystem(ctx, resource, action)) throw denied(ctx);
  }

  requireAuthenticated(ctx: SecurityContext): void {
    if (!ctx.isAuthenticated) throw HarborError.unauthorized();
  }
}

export function denied(ctx: SecurityContext): HarborError {
  return ctx.isAuthenticated ? HarborError.forbidden() : HarborError.unauthorized();
}
