// Permission checks inside one project for users: the union of the caller's roles, plus the
// public-project grants, plus everything for a system admin (Harbor's local security context:
// admin evaluator OR project evaluator).
import { PUBLIC_PROJECT_POLICIES, ROLE_POLICIES, type PolicyTable } from './matrix';
import type { Action, Permission, ProjectResource } from './resources';
import { isProjectRoleId, roleName, toRoleId, type ProjectRoleId, type ProjectRoleName } from './roles';

function flatten(table: PolicyTable): Permission[] {
  return Object.entries(table).flatMap(([resource, actions]) =>
    (actions ?? []).map((action) => ({ resource: resource as ProjectResource, action })),
  );
}

const key = (resource: string, action: string) => `${resource}\u0000${action}`;
const toSet = (perms: readonly Permission[]) => new Set(perms.map((p) => key(p.resource, p.action)));

const ROLE_LISTS = new Map(
  (Object.keys(ROLE_POLICIES) as ProjectRoleName[]).map((n) => [n, flatten(ROLE_POLICIES[n])] as const),
);
const ROLE_SETS = new Map([...ROLE_LISTS].map(([n, list]) => [n, toSet(list)] as const));
const PUBLIC_SET = toSet(flatten(PUBLIC_PROJECT_POLICIES));

/** Every permission any role holds: Harbor's GetPoliciesOfProject, what the permissions API ranges over. */
export const ALL_PROJECT_PERMISSIONS: readonly Permission[] = (() => {
  const seen = new Set<string>();
  return [...ROLE_LISTS.values()].flat().filter((p) => {
    const k = key(p.resource, p.action);
    return seen.has(k) ? false : (seen.add(k), true);
  });
})();

/** Whether the role alone allows the action; unknown strings are simply not allowed. */
export function roleCan(role: ProjectRoleId | ProjectRoleName, resource: ProjectResource, action: Action): boolean {
  const name = roleName(toRoleId(role));
  return name !== undefined && ROLE_SETS.get(name)!.has(key(resource, action));
}

/** What anyone, anonymous included, may do on a public project. */
export function publicProjectCan(resource: ProjectResource, action: Action): boolean {
  return PUBLIC_SET.has(key(resource, action));
}

/** The role's permissions in Harbor's order ("project" stands for the project itself). */
export function permissionsOfRole(role: ProjectRoleId | ProjectRoleName): Permission[] {
  const name = roleName(toRoleId(role));
  return name === undefined ? [] : ROLE_LISTS.get(name)!.map((p) => ({ ...p }));
}

/** Who is asking, as far as one project is concerned. */
export interface ProjectSubject {
  /** Role ids the caller holds in the project, directly or through groups; may be empty. */
  roles: readonly number[];
  /** The project's "public" metadata. */
  isPublic?: boolean;
  sysAdmin?: boolean;
}

/**
 * The full check for a user (or anonymous: no roles). A system admin may do anything except
 * scanner-pull, which Harbor reserves for the scanner's robot so that admins stay subject to
 * the vulnerability-prevention policy.
 */
export function projectCan(subject: ProjectSubject, resource: ProjectResource, action: Action): boolean {
  if (subject.sysAdmin) return action !== 'scanner-pull';
  if (subject.isPublic && publicProjectCan(resource, action)) return true;
  return subject.roles.some((r) => isProjectRoleId(r) && roleCan(r, resource, action));
}

/**
 * The subject's permissions in a project, for GET /users/current/permissions?scope=/project/N:
 * Harbor filters the union of all roles' permissions through Can, so admins see that union.
 */
export function projectPermissions(subject: ProjectSubject): Permission[] {
  return ALL_PROJECT_PERMISSIONS.filter((p) => projectCan(subject, p.resource, p.action)).map((p) => ({ ...p }));
}
