import { session as sessionApi } from './api/harbor';
import type { SignedIn } from './session';

// What the signed-in user may do, so pages show only the actions the server would allow.
// Hiding is a convenience, not the protection: core checks every call and the pages still
// show its message when it refuses one.

/**
 * The project resources and actions the portal asks about, in Harbor's names (libs/rbac);
 * "." is the project itself, as relative permissions name it.
 */
export type ProjectResource = 'repository' | 'artifact' | 'tag' | 'artifact-label' | 'member' | 'robot' | '.' | 'quota' | 'configuration' | 'log'
  | 'immutable-tag' | 'tag-retention' | 'notification-policy';
export type ProjectAction = 'create' | 'read' | 'update' | 'delete' | 'list' | 'push' | 'pull' | 'operate';

export interface ProjectPermissions {
  can(resource: ProjectResource, action: ProjectAction): boolean;
}

const EVERYTHING: ProjectPermissions = { can: () => true };

/** The project being visited: its tabs and artifact pages share one answer from the server. */
let visit: { key: string; permissions: Promise<ProjectPermissions> } | undefined;

/**
 * The caller's permissions in a project, asked once per visit. System admins may do
 * everything, so they are not asked about.
 */
export function projectPermissions(who: SignedIn, projectId: number): Promise<ProjectPermissions> {
  if (who.user.sysadmin_flag) return Promise.resolve(EVERYTHING);
  const key = `${who.user.user_id}/${projectId}`;
  if (visit?.key !== key) {
    const permissions = load(projectId);
    visit = { key, permissions };
    // A failed answer is not kept: the next page of the project asks again.
    permissions.catch(() => {
      if (visit?.permissions === permissions) visit = undefined;
    });
  }
  return visit.permissions;
}

/** Leaving the project (or signing out): the next visit asks the server again. */
export function endProjectVisit(): void {
  visit = undefined;
}

async function load(projectId: number): Promise<ProjectPermissions> {
  const items = await sessionApi.projectPermissions(projectId);
  const granted = new Set(items.map((p) => `${p.resource}:${p.action}`));
  return { can: (resource, action) => granted.has(`${resource}:${action}`) };
}

/** Harbor's project_creation_restriction: "adminonly" leaves New Project to system admins. */
export function mayCreateProject(who: SignedIn): boolean {
  return who.user.sysadmin_flag || who.info.project_creation_restriction !== 'adminonly';
}
