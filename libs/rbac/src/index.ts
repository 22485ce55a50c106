// @harbor-ts/rbac: Harbor's permission model (project roles, public projects, robot accounts,
// registry scopes) as pure functions over Harbor's own resource and action names.
export {
  ProjectRole,
  type ProjectRoleId,
  type ProjectRoleName,
  highestRole,
  isProjectRoleId,
  isProjectRoleName,
  roleId,
  roleName,
} from './roles';
export {
  ACTIONS,
  type Action,
  PROJECT_RESOURCES,
  type Permission,
  type ProjectResource,
  SYSTEM_RESOURCES,
  type SystemResource,
  harborResourcePath,
  isAction,
  isProjectResource,
  isSystemResource,
} from './resources';
export { PUBLIC_PROJECT_POLICIES, ROLE_POLICIES, type PolicyTable } from './matrix';
export {
  ALL_PROJECT_PERMISSIONS,
  type ProjectSubject,
  permissionsOfRole,
  projectCan,
  projectPermissions,
  publicProjectCan,
  roleCan,
} from './project';
export {
  type RobotAccess,
  type RobotKind,
  type RobotLevel,
  type RobotPermission,
  type RobotValidation,
  robotCan,
  robotCanSystem,
  robotGrantablePermissions,
  validateRobotAccess,
  validateRobotPermissions,
} from './robot';
export {
  REPOSITORY_SCOPE_ACTIONS,
  type RepositoryScopeAction,
  SCOPE_ACTION_PERMISSION,
  repositoryActionsAllowed,
} from './scope';
