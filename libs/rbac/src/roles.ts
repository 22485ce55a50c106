// Project roles with Harbor's ids and names: the ids are stored in project_member.role and
// returned by the API (current_user_role_id, role_id), so they must not be renumbered.
// Harbor: src/common/const.go (RoleProjectAdmin = 1 ... RoleLimitedGuest = 5).

export const ProjectRole = {
  projectAdmin: 1,
  developer: 2,
  guest: 3,
  maintainer: 4,
  limitedGuest: 5,
} as const;

export type ProjectRoleName = keyof typeof ProjectRole;
export type ProjectRoleId = (typeof ProjectRole)[ProjectRoleName];

const NAMES: Readonly<Record<ProjectRoleId, ProjectRoleName>> = {
  1: 'projectAdmin',
  2: 'developer',
  3: 'guest',
  4: 'maintainer',
  5: 'limitedGuest',
};

// Harbor's highestRole (handler/project.go) ranks by power, not by id: maintainer (4)
// outranks developer (2) although its id is larger.
const POWER: Readonly<Record<ProjectRoleId, number>> = { 1: 50, 4: 40, 2: 30, 3: 20, 5: 10 };

export function isProjectRoleId(value: unknown): value is ProjectRoleId {
  return typeof value === 'number' && Object.prototype.hasOwnProperty.call(NAMES, value);
}

export function isProjectRoleName(value: unknown): value is ProjectRoleName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ProjectRole, value);
}

/** 4 -> "maintainer"; undefined for ids Harbor does not know. */
export function roleName(id: number): ProjectRoleName | undefined {
  return isProjectRoleId(id) ? NAMES[id] : undefined;
}

/** "maintainer" -> 4; undefined for names Harbor does not know (names are case-sensitive). */
export function roleId(name: string): ProjectRoleId | undefined {
  return isProjectRoleName(name) ? ProjectRole[name] : undefined;
}

/**
 * The strongest of a member's roles (a user can hold several through groups):
 * projectAdmin > maintainer > developer > guest > limitedGuest. Unknown ids are ignored;
 * undefined when none is known (Harbor then reports role 0).
 */
export function highestRole(roles: readonly number[]): ProjectRoleId | undefined {
  let best: ProjectRoleId | undefined;
  for (const r of roles) {
    if (isProjectRoleId(r) && (best === undefined || POWER[r] > POWER[best])) best = r;
  }
  return best;
}

/** Accepts either form so callers can pass what they hold (a DB id or an API name). */
export function toRoleId(role: ProjectRoleId | ProjectRoleName): ProjectRoleId {
  return typeof role === 'number' ? role : ProjectRole[role];
}
