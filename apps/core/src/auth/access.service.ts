import { Injectable } from '@nestjs/common';
import { type Action, type ProjectResource, type SystemResource, isProjectRoleId, publicProjectCan, robotCan, robotCanSystem, roleCan } from '@harbor-ts/rbac';
import { HarborError } from '../common/harbor-error';
import type { RobotEntity } from '../db/entities';
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
    return (await this.evaluator(ctx, project))(resource, action);
  }

  /**
   * A synchronous predicate for one caller and project, loading the caller's role once: the
   * token service and /v2 check several actions per request.
   */
  async evaluator(ctx: SecurityContext, project: ProjectRef): Promise<(resource: ProjectResource, action: Action) => boolean> {
    if (ctx.isSysAdmin) return () => true;
    const p = ctx.principal;
    const role = p.kind === 'user' ? await this.projects.roleOf(p.user.id, project.id) : undefined;
    return (resource, action) => {
      if (p.kind === 'robot' && this.robotCan(p.robot, project, resource, action)) return true;
      if (role !== undefined && isProjectRoleId(role) && roleCan(role, resource, action)) return true;
      return project.public && publicProjectCan(resource, action);
    };
  }

  private robotCan(robot: RobotEntity, project: ProjectRef, resource: ProjectResource, action: Action): boolean {
    if (robot.level === 'project' && robot.projectId !== project.id) return false;
    return robotCan(robot.permissions, project.name, resource, action, robot.level);
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
