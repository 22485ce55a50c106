// Resource and action names exactly as Harbor spells them (src/common/rbac/const.go): they
// travel in robot payloads, in /users/current/permissions and in the portal's checks.

/** Resources inside one project. "project" is the project itself (Harbor's ResourceSelf). */
export const PROJECT_RESOURCES = [
  'project',
  'member',
  'metadata',
  'log',
  'label',
  'quota',
  'repository',
  'artifact',
  'artifact-addition',
  'tag',
  'accessory',
  'artifact-label',
  'tag-retention',
  'immutable-tag',
  'configuration',
  'robot',
  'notification-policy',
  'scan',
  'sbom',
  'scanner',
  'preheat-policy',
  'export-cve',
] as const;

/** Resources outside any project, which only system-level robots (and admins) reach. */
export const SYSTEM_RESOURCES = [
  'audit-log',
  'catalog',
  'garbage-collection',
  'jobservice-monitor',
  'label',
  'ldap-user',
  'preheat-instance',
  'project',
  'purge-audit',
  'quota',
  'registry',
  'replication',
  'replication-adapter',
  'replication-policy',
  'robot',
  'scan-all',
  'scanner',
  'security-hub',
  'system-volumes',
  'user',
  'user-group',
] as const;

export const ACTIONS = [
  'create',
  'read',
  'update',
  'delete',
  'list',
  'pull',
  'push',
  'operate',
  'stop',
  // Only on repository: lets the scanner's robot pull past policies such as "prevent
  // vulnerable images from running".
  'scanner-pull',
] as const;

export type ProjectResource = (typeof PROJECT_RESOURCES)[number];
export type SystemResource = (typeof SYSTEM_RESOURCES)[number];
export type Action = (typeof ACTIONS)[number];

/** A resource/action pair, the shape of Harbor's Permission model in API responses. */
export interface Permission<R extends string = ProjectResource> {
  resource: R;
  action: Action;
}

const projectResources: ReadonlySet<string> = new Set(PROJECT_RESOURCES);
const systemResources: ReadonlySet<string> = new Set(SYSTEM_RESOURCES);
const actions: ReadonlySet<string> = new Set(ACTIONS);

export function isProjectResource(value: unknown): value is ProjectResource {
  return typeof value === 'string' && projectResources.has(value);
}

export function isSystemResource(value: unknown): value is SystemResource {
  return typeof value === 'string' && systemResources.has(value);
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && actions.has(value);
}

/**
 * Harbor's own resource path for a project permission, as /users/current/permissions
 * returns it: "/project/1/repository" (absolute) or "repository" (relative=true). The project
 * itself is "/project/1", relative ".".
 */
export function harborResourcePath(resource: ProjectResource, projectId?: number): string {
  if (projectId === undefined) return resource === 'project' ? '.' : resource;
  return resource === 'project' ? `/project/${projectId}` : `/project/${projectId}/${resource}`;
}
