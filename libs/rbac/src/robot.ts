// Robot accounts: the permission payload of Harbor's robot API, its validation
// (handler/robot.go validate) and the checks of Harbor's robot security context.
import type { Action, Permission, ProjectResource, SystemResource } from './resources';
import { ROBOT_PROJECT_GRANTS, ROBOT_SYSTEM_GRANTS } from './robot-grants';

export type RobotKind = 'system' | 'project';
/** A robot's level uses the same two words as a permission's kind. */
export type RobotLevel = RobotKind;

/** One access entry; strings because they arrive from (and return to) JSON as they are. */
export interface RobotAccess {
  resource: string;
  action: string;
  /** "allow" (the default when empty) or "deny"; a matching deny beats any allow. */
  effect?: string;
}

/**
 * kind "project": namespace is a project name, or "*" for all projects (system robots only);
 * kind "system": namespace is "/".
 */
export interface RobotPermission {
  kind: string;
  namespace: string;
  access: readonly RobotAccess[];
}

export type RobotValidation = { valid: true } | { valid: false; message: string };

const key = (resource: string, action: string) => `${resource}\u0000${action}`;
const grantSet = (table: ReadonlyArray<readonly [string, readonly Action[]]>) =>
  new Set(table.flatMap(([r, actions]) => actions.map((a) => key(r, a))));
const GRANTABLE: Readonly<Record<RobotKind, ReadonlySet<string>>> = {
  system: grantSet(ROBOT_SYSTEM_GRANTS),
  project: grantSet(ROBOT_PROJECT_GRANTS),
};

/** The grantable list for GET /permissions ("system" only shown to system admins). */
export function robotGrantablePermissions(kind: 'project'): Permission<ProjectResource>[];
export function robotGrantablePermissions(kind: 'system'): Permission<SystemResource>[];
export function robotGrantablePermissions(kind: RobotKind): Permission<string>[] {
  const table = kind === 'system' ? ROBOT_SYSTEM_GRANTS : ROBOT_PROJECT_GRANTS;
  return table.flatMap(([resource, actions]) => actions.map((action) => ({ resource, action })));
}

const fail = (message: string): RobotValidation => ({ valid: false, message });

/** Checks one permission's access list against what its kind may grant. Messages are Harbor's. */
export function validateRobotAccess(kind: string, access: readonly RobotAccess[]): RobotValidation {
  if (kind !== 'system' && kind !== 'project') return fail(`bad request permission level: ${kind}`);
  if (access.length === 0) return fail('bad request empty access');
  for (const a of access) {
    if (a == null) return fail('bad request empty access');
    if (!GRANTABLE[kind].has(key(a.resource, a.action))) {
      return fail(`bad request permission: ${a.resource}:${a.action}`);
    }
    // Harbor stores any effect and casbin then ignores unknown ones; refusing them up front
    // avoids storing a grant that silently does nothing.
    if (a.effect !== undefined && a.effect !== '' && a.effect !== 'allow' && a.effect !== 'deny') {
      return fail(`bad request permission effect: ${a.effect}`);
    }
  }
  return { valid: true };
}

/**
 * The whole permissions payload for a robot of the given level: non-empty, exactly one entry
 * for a project robot, each entry valid. Project existence is the caller's to check.
 */
export function validateRobotPermissions(level: string, permissions: readonly RobotPermission[]): RobotValidation {
  if (level !== 'system' && level !== 'project') return fail(`bad request error level input: ${level}`);
  if (permissions.length === 0 || permissions.some((p) => p == null)) return fail('bad request empty permission');
  if (level === 'project' && permissions.length > 1) return fail('bad request permission');
  for (const p of permissions) {
    const result = validateRobotAccess(p.kind, p.access ?? []);
    if (!result.valid) return result;
    if (p.kind === 'system' && p.namespace !== '/') return fail('unknown namespace');
    if (p.kind === 'project' && (typeof p.namespace !== 'string' || p.namespace === '')) {
      return fail('bad request permission namespace');
    }
    if (level === 'project' && (p.kind !== 'project' || p.namespace === '*')) return fail('bad request permission');
  }
  return { valid: true };
}

/** allow / deny / no opinion, from the entries that match; a deny wins (casbin's policy effect). */
function decide(entries: readonly RobotAccess[], resource: string, action: string): boolean {
  let allowed = false;
  for (const a of entries) {
    if (a.resource !== resource || (a.action !== action && a.action !== '*')) continue;
    if (a.effect === 'deny') return false;
    if (a.effect === undefined || a.effect === '' || a.effect === 'allow') allowed = true;
  }
  return allowed;
}

/**
 * Whether a robot may act on a resource of the named project. A project robot's grants apply
 * to its own project only, and a push grant brings pull with it (Harbor's filterRobotPolicies);
 * a system robot's project grants may name "*" for every project and get no implied pull.
 * The level defaults to "system", the stricter reading. Public-project grants are not
 * included: combine with publicProjectCan as the caller sees fit.
 */
export function robotCan(
  permissions: readonly RobotPermission[],
  projectName: string,
  resource: ProjectResource,
  action: Action,
  level: RobotLevel = 'system',
): boolean {
  const entries = permissions
    .filter((p) => p.kind === 'project')
    .filter((p) => p.namespace === projectName || (level === 'system' && p.namespace === '*'))
    .flatMap((p) => p.access);
  return decide(level === 'project' ? withImpliedPull(entries) : entries, resource, action);
}

// Harbor adds an allow-pull next to every push entry, whatever that entry's effect.
function withImpliedPull(entries: readonly RobotAccess[]): RobotAccess[] {
  const implied = entries.filter((a) => a.action === 'push').map((a) => ({ resource: a.resource, action: 'pull' }));
  return [...entries, ...implied];
}

/** Whether a system robot may act on a system resource (kind "system", namespace "/"). */
export function robotCanSystem(permissions: readonly RobotPermission[], resource: SystemResource, action: Action): boolean {
  const entries = permissions.filter((p) => p.kind === 'system' && p.namespace === '/').flatMap((p) => p.access);
  return decide(entries, resource, action);
}
