import { Injectable } from '@nestjs/common';
import { type Action, type ProjectResource, type SystemResource, robotCan } from '@harbor-ts/rbac';
import { AccessService, denied } from '../auth/access.service';
import { type ProjectRef, ProjectDirectory } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import type { RobotPermissionRow } from '../db/entities';

type Held = (resource: string, action: string) => boolean;

// Harbor offers metadata:list as grantable but never checks it (listing metadata checks read),
// and the projectAdmin role only has read; a caller holding read therefore "holds" list too.
const IMPLIED_BY: Readonly<Record<string, string>> = { 'metadata:list': 'read' };

/**
 * Who may manage which robots (Harbor's robot requireAccess) and the rule that a creator
 * cannot hand out more than it holds itself.
 */
@Injectable()
export class RobotAccess {
  constructor(private readonly access: AccessService, private readonly projects: ProjectDirectory) {}

  /** System robots: system-level robot:<action>; project robots: robot:<action> in that project. */
  async require(ctx: SecurityContext, project: ProjectRef | undefined, action: Action): Promise<void> {
    this.access.requireAuthenticated(ctx);
    if (project === undefined) return this.access.requireSystem(ctx, 'robot', action);
    await this.access.require(ctx, project, 'robot', action);
  }

  /**
   * The project a request names. Only a system admin learns that a project does not exist;
   * anyone else gets the same 403 as for a project they may not touch.
   */
  async projectNamed(ctx: SecurityContext, name: string): Promise<ProjectRef> {
    return this.orHidden(ctx, await this.projects.byName(name), `project ${name} not found`);
  }

  async projectWithId(ctx: SecurityContext, id: number): Promise<ProjectRef> {
    const found = Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647 ? await this.projects.byId(id) : undefined;
    return this.orHidden(ctx, found, `project ${id} not found`);
  }

  /** Every allowing grant must be something the caller may do itself; deny entries only narrow. */
  async requireNoEscalation(ctx: SecurityContext, permissions: readonly RobotPermissionRow[]): Promise<void> {
    if (ctx.isSysAdmin) return;
    for (const permission of permissions) {
      const held = await this.heldBy(ctx, permission);
      const missing = permission.access.find((a) => a.effect !== 'deny' && !held(a.resource, a.action));
      if (missing) {
        throw new HarborError('DENIED', `permission scope is invalid: the caller does not hold ${missing.resource}:${missing.action} in ${permission.namespace}`);
      }
    }
  }

  /** System robots may name projects in their permissions; those must exist ("*" is every project). */
  async requireNamedProjectsExist(permissions: readonly RobotPermissionRow[]): Promise<void> {
    for (const p of permissions) {
      if (p.kind === 'project' && p.namespace !== '*' && !(await this.projects.byName(p.namespace))) {
        throw HarborError.notFound(`project ${p.namespace} not found`);
      }
    }
  }

  private async heldBy(ctx: SecurityContext, permission: RobotPermissionRow): Promise<Held> {
    if (permission.kind === 'system') return (r, a) => this.access.canSystem(ctx, r as SystemResource, a as Action);
    const p = ctx.principal;
    if (permission.namespace === '*') {
      // Only a system robot holding "*" grants itself can pass these on.
      return (r, a) => p.kind === 'robot' && p.robot.level === 'system' && robotCan(p.robot.permissions, '*', r as ProjectResource, a as Action);
    }
    const project = await this.projects.byName(permission.namespace);
    if (!project) throw HarborError.notFound(`project ${permission.namespace} not found`);
    const can = await this.access.evaluator(ctx, project);
    return (r, a) => can(r as ProjectResource, a as Action) || (IMPLIED_BY[`${r}:${a}`] !== undefined && can(r as ProjectResource, IMPLIED_BY[`${r}:${a}`] as Action));
  }

  private orHidden(ctx: SecurityContext, project: ProjectRef | undefined, message: string): ProjectRef {
    if (project) return project;
    throw ctx.isSysAdmin ? HarborError.notFound(message) : denied(ctx);
  }
}
