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

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** Harbor names an event by operation and resource type: create + artifact = create_artifact. */
export function eventTypeOf(operation: string, resourceType: string): string {
  return `${operation}_${resourceType}`;
}

/** Harbor's comma-separated list ("create_artifact, pull_artifact"), trimmed and lower-cased. */
export function parseEventTypeList(text: string): string[] {
  return text.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
}

/** Why the list names something other than known event types, or undefined when it is fine. */
export function checkEventTypeList(text: string): string | undefined {
  const unknown = parseEventTypeList(text).filter((t) => !(AUDIT_EVENT_TYPES as readonly string[]).includes(t));
  return unknown.length === 0 ? undefined : `names unknown audit event types: ${unknown.join(', ')}`;
}
