// The parts of Harbor's API models (harbor-swagger.yaml) that the portal shows.

export interface SystemInfo {
  harbor_version?: string;
  registry_url?: string;
  external_url?: string;
  auth_mode: string;
  self_registration: boolean;
  project_creation_restriction?: string;
}

/** One policy of /users/current/permissions, in Harbor's resource and action names. */
export interface PermissionItem {
  resource: string;
  action: string;
}

export interface User {
  user_id: number;
  username: string;
  email: string;
  realname: string;
  comment: string;
  sysadmin_flag: boolean;
  creation_time: string;
}

export interface Project {
  project_id: number;
  name: string;
  owner_name?: string;
  creation_time: string;
  current_user_role_id: number;
  repo_count: number;
  metadata?: Record<string, string>;
}

export interface Repository {
  id: number;
  name: string;
  description?: string;
  artifact_count: number;
  pull_count: number;
  update_time: string;
}

export interface Tag {
  id: number;
  name: string;
  push_time: string;
  /** Whether an immutability rule of the project protects the tag. */
  immutable?: boolean;
}

/** A label on an artifact (Harbor's Label, the fields the portal draws). */
export interface LabelOnArtifact {
  id: number;
  name: string;
  color?: string;
}

export interface Artifact {
  id: number;
  digest: string;
  size: number;
  push_time: string;
  pull_time: string;
  tags?: Tag[];
  labels?: LabelOnArtifact[];
}

export interface Member {
  id: number;
  entity_name: string;
  entity_type: string;
  role_id: number;
  role_name: string;
}

export interface RobotAccess {
  resource: string;
  action: string;
  effect?: string;
}

export interface RobotPermission {
  kind: string;
  namespace: string;
  access: RobotAccess[];
}

export interface Robot {
  id: number;
  name: string;
  description: string;
  disable: boolean;
  duration: number;
  expires_at: number;
  permissions: RobotPermission[];
  creation_time: string;
}

export interface RobotCreated {
  id: number;
  name: string;
  secret: string;
  expires_at: number;
}

/** Harbor's built-in project roles, in the order the portal lists them. */
export const PROJECT_ROLES: readonly { id: number; label: string }[] = [
  { id: 1, label: 'Project Admin' },
  { id: 4, label: 'Maintainer' },
  { id: 2, label: 'Developer' },
  { id: 3, label: 'Guest' },
  { id: 5, label: 'Limited Guest' },
];

export function roleLabel(roleId: number): string {
  return PROJECT_ROLES.find((r) => r.id === roleId)?.label ?? 'N/A';
}
