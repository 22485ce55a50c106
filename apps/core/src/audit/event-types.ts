// Harbor's audit event types (src/pkg/auditext/model/model.go EventTypes), in Harbor's order:
// new types are appended, and /auditlog-exts/events returns them as [{event_type}].
export const AUDIT_EVENT_TYPES = [
  'create_artifact',
  'delete_artifact',
  'pull_artifact',
  'create_project',
  'delete_project',
  'delete_repository',
  'login_user',
  'logout_user',
  'create_user',
  'delete_user',
  'update_user',
  'create_robot',
  'delete_robot',
  'update_configuration',
  'create_member',
  'delete_member',
  'update_member',
  'update_project',
] as const;
