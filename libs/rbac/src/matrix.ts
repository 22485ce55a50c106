// The project role matrix, transcribed from Harbor's src/common/rbac/project/rbac_role.go
// (rolePoliciesMap) and rbac_util.go (publicProjectPolicies). Order follows Harbor's lists so
// a reader can diff the two; lookups go through the sets built in project.ts.
import type { Action, ProjectResource } from './resources';
import type { ProjectRoleName } from './roles';

export type PolicyTable = Readonly<Partial<Record<ProjectResource, readonly Action[]>>>;

const CRUDL: readonly Action[] = ['create', 'read', 'update', 'delete', 'list'];

export const ROLE_POLICIES: Readonly<Record<ProjectRoleName, PolicyTable>> = {
  projectAdmin: {
    project: ['read', 'update', 'delete'],
    member: CRUDL,
    metadata: ['create', 'read', 'update', 'delete'],
    log: ['list'],
    label: CRUDL,
    quota: ['read'],
    repository: [...CRUDL, 'pull', 'push'],
    'tag-retention': [...CRUDL, 'operate'],
    'immutable-tag': ['create', 'update', 'delete', 'list'],
    configuration: ['read', 'update'],
    robot: CRUDL,
    'notification-policy': CRUDL,
    scan: ['create', 'read', 'stop'],
    sbom: ['create', 'read', 'stop'],
    scanner: ['read', 'create'],
    artifact: ['create', 'read', 'delete', 'list'],
    'artifact-addition': ['read'],
    tag: ['list', 'create', 'delete'],
    accessory: ['list'],
    'artifact-label': ['create', 'delete'],
    'preheat-policy': CRUDL,
    'export-cve': ['create', 'read', 'list'],
  },
  maintainer: {
    project: ['read'],
    member: ['read', 'list'],
    metadata: ['read'],
    quota: ['read'],
    label: CRUDL,
    repository: [...CRUDL, 'push', 'pull'],
    'tag-retention': [...CRUDL, 'operate'],
    accessory: ['list'],
    'immutable-tag': ['create', 'update', 'delete', 'list'],
    configuration: ['read'],
    robot: ['read', 'list'],
    'notification-policy': ['read', 'list'],
    scan: ['create', 'read', 'stop'],
    sbom: ['create', 'read', 'stop'],
    scanner: ['read'],
    artifact: ['create', 'read', 'delete', 'list'],
    'artifact-addition': ['read'],
    tag: ['list', 'create', 'delete'],
    'artifact-label': ['create', 'delete'],
    'export-cve': ['create', 'read', 'list'],
  },
  developer: {
    project: ['read'],
    member: ['read', 'list'],
    label: ['read', 'list'],
    quota: ['read'],
    repository: ['create', 'read', 'update', 'list', 'push', 'pull'],
    // Harbor really grants developers the full tag-retention set, operate included.
    'tag-retention': [...CRUDL, 'operate'],
    configuration: ['read'],
    robot: ['read', 'list'],
    scan: ['read'],
    sbom: ['read'],
    scanner: ['read'],
    artifact: ['create', 'read', 'list'],
    'artifact-addition': ['read'],
    tag: ['list', 'create'],
    accessory: ['list'],
    'artifact-label': ['create', 'delete'],
    'export-cve': ['create', 'read', 'list'],
  },
  guest: {
    project: ['read'],
    member: ['read', 'list'],
    label: ['read', 'list'],
    quota: ['read'],
    repository: ['read', 'list', 'pull'],
    configuration: ['read'],
    robot: ['read', 'list'],
    scan: ['read'],
    sbom: ['read'],
    scanner: ['read'],
    tag: ['list'],
    accessory: ['list'],
    artifact: ['read', 'list'],
    'artifact-addition': ['read'],
  },
  limitedGuest: {
    project: ['read'],
    quota: ['read'],
    repository: ['list', 'read', 'pull'],
    configuration: ['read'],
    scan: ['read'],
    sbom: ['read'],
    scanner: ['read'],
    tag: ['list'],
    accessory: ['list'],
    artifact: ['read', 'list'],
    'artifact-addition': ['read'],
  },
};

/**
 * What everyone gets on a public project, anonymous callers included, on top of their own
 * roles. Note it has repository list+pull but not repository read.
 */
export const PUBLIC_PROJECT_POLICIES: PolicyTable = {
  project: ['read'],
  label: ['read', 'list'],
  repository: ['list', 'pull'],
  scan: ['read'],
  scanner: ['read'],
  tag: ['list'],
  artifact: ['read', 'list'],
  'artifact-addition': ['read'],
  accessory: ['list'],
};
