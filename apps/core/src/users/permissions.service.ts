import { Injectable } from '@nestjs/common';
import {
  ALL_PROJECT_PERMISSIONS,
  type Permission,
  harborResourcePath,
  projectPermissions,
  robotGrantablePermissions,
} from '@harbor-ts/rbac';
import { AccessService } from '../auth/access.service';
import { ProjectDirectory } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';

export interface PermissionItem {
  resource: string;
  action: string;
}

const PROJECT_SCOPE = /^\/project\/(\d{1,10})\/?$/;
const SYSTEM_SCOPE = /^\/system\/?$/;

/**
 * GET /users/current/permissions: the scope's policies filtered through the caller's checks,
 * as Harbor does. Scopes are "/project/{id}" and "/system"; anything else lists nothing.
 * `relative` turns "/project/1/repository" into "repository" (the project itself into ".").
 */
@Injectable()
export class PermissionsService {
  constructor(
    private readonly access: AccessService,
    private readonly projects: ProjectDirectory,
  ) {}

  async list(ctx: SecurityContext, scope: string, relative: boolean): Promise<PermissionItem[]> {
    this.access.requireAuthenticated(ctx);
    const project = PROJECT_SCOPE.exec(scope);
    if (project) return this.project(ctx, Number(project[1]), relative);
    if (SYSTEM_SCOPE.test(scope)) return this.system(ctx, relative);
    return [];
  }

  private async project(ctx: SecurityContext, id: number, relative: boolean): Promise<PermissionItem[]> {
    const allowed = await this.projectAllowed(ctx, id);
    return allowed.map((p) => ({ resource: harborResourcePath(p.resource, relative ? undefined : id), action: p.action }));
  }

  private async projectAllowed(ctx: SecurityContext, id: number): Promise<Permission[]> {
    if (ctx.isSysAdmin) return projectPermissions({ roles: [], sysAdmin: true });
    const project = id <= 2_147_483_647 ? await this.projects.byId(id) : undefined;
    if (!project) return [];
    const userId = ctx.userId;
    if (userId !== undefined) {
      const role = await this.projects.roleOf(userId, id);
      return projectPermissions({ roles: role === undefined ? [] : [role], isPublic: project.public });
    }
    const allowed: Permission[] = [];
    for (const p of ALL_PROJECT_PERMISSIONS) if (await this.access.can(ctx, project, p.resource, p.action)) allowed.push(p);
    return allowed;
  }

  private system(ctx: SecurityContext, relative: boolean): PermissionItem[] {
    return robotGrantablePermissions('system')
      .filter((p) => this.access.canSystem(ctx, p.resource, p.action))
      .map((p) => ({ resource: relative ? p.resource : `/system/${p.resource}`, action: p.action }));
  }
}
