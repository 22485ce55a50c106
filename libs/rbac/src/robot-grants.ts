// What a robot account may be granted, per level, as Harbor's NolimitProvider returns it
// (src/common/rbac/const.go: PoliciesMap plus the provider's additions). GET /permissions
// lists exactly these, and robot create/update rejects anything else. They are not the
// projectAdmin set: repository has no create, robot no update, tag-retention no operate,
// metadata gains list.
import type { Action, ProjectResource, SystemResource } from './resources';

type GrantTable<R extends string> = ReadonlyArray<readonly [R, readonly Action[]]>;

// Harbor's order for its CRUDL additions (user, member, user-group), kept for GET /permissions.
const CRULD: readonly Action[] = ['create', 'read', 'update', 'list', 'delete'];

export const ROBOT_PROJECT_GRANTS: GrantTable<ProjectResource> = [
  ['log', ['list']],
  ['project', ['read', 'delete', 'update']],
  ['metadata', ['read', 'create', 'delete', 'list', 'update']],
  ['repository', ['read', 'update', 'delete', 'list', 'pull', 'push']],
  ['artifact', ['read', 'create', 'list', 'delete']],
  ['scan', ['create', 'read', 'stop']],
  ['sbom', ['create', 'stop', 'read']],
  ['tag', ['create', 'list', 'delete']],
  ['accessory', ['list']],
  ['artifact-addition', ['read']],
  ['artifact-label', ['create', 'delete']],
  ['scanner', ['create', 'read']],
  ['preheat-policy', ['read', 'create', 'delete', 'list', 'update']],
  ['immutable-tag', ['create', 'delete', 'list', 'update']],
  ['notification-policy', ['read', 'create', 'delete', 'list', 'update']],
  ['tag-retention', ['read', 'create', 'delete', 'list', 'update']],
  ['label', ['read', 'create', 'delete', 'list', 'update']],
  ['quota', ['read']],
  // NolimitProvider additions for the project scope.
  ['robot', ['create', 'read', 'list', 'delete']],
  ['export-cve', ['create', 'read']],
  ['member', CRULD],
];

export const ROBOT_SYSTEM_GRANTS: GrantTable<SystemResource> = [
  ['audit-log', ['list']],
  ['preheat-instance', ['read', 'create', 'delete', 'list', 'update']],
  ['project', ['list', 'create']],
  ['replication-policy', ['read', 'create', 'delete', 'list', 'update']],
  ['replication', ['read', 'create', 'list']],
  ['replication-adapter', ['list']],
  ['registry', ['read', 'create', 'delete', 'list', 'update']],
  ['scan-all', ['read', 'update', 'stop', 'create']],
  ['system-volumes', ['read']],
  ['garbage-collection', ['read', 'create', 'list', 'update', 'stop']],
  ['purge-audit', ['read', 'create', 'list', 'update', 'stop']],
  ['jobservice-monitor', ['list', 'stop']],
  ['scanner', ['read', 'create', 'delete', 'list', 'update']],
  ['label', ['read', 'create', 'delete', 'update']],
  ['security-hub', ['read', 'list']],
  ['catalog', ['read']],
  ['quota', ['read', 'list']],
  // NolimitProvider additions for the system scope.
  ['robot', ['create', 'read', 'list', 'delete']],
  ['user', CRULD],
  ['ldap-user', ['create', 'list']],
  ['quota', ['update']],
  ['user-group', CRULD],
];
