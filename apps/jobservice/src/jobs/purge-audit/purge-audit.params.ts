/** What PURGE_AUDIT_LOG runs with (core's /system/purgeaudit checks them; Redis is untyped). */
export interface PurgeAuditParams {
  /** audit_log_ext rows older than this many hours go. */
  audit_retention_hour: number;
  /** Comma-separated event types (operation_resourcetype, e.g. pull_artifact); empty purges nothing. */
  include_event_types: string;
  dry_run: boolean;
}

export class InvalidPurgeParams extends Error {}

/** Checks the params again on the worker side and lists the event types. */
export function readPurgeParams(params: Record<string, unknown>): PurgeAuditParams & { eventTypes: string[] } {
  const hours = params.audit_retention_hour;
  if (typeof hours !== 'number' || !Number.isSafeInteger(hours) || hours < 1) {
    throw new InvalidPurgeParams(`audit_retention_hour must be a positive integer, got ${JSON.stringify(hours ?? null)}`);
  }
  const types = params.include_event_types ?? '';
  if (typeof types !== 'string') throw new InvalidPurgeParams(`include_event_types must be a string, got ${JSON.stringify(types)}`);
  const dryRun = params.dry_run ?? false;
  if (typeof dryRun !== 'boolean') throw new InvalidPurgeParams(`dry_run must be a boolean, got ${JSON.stringify(dryRun)}`);
  const eventTypes = [...new Set(types.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))];
  return { audit_retention_hour: hours, include_event_types: eventTypes.join(','), dry_run: dryRun, eventTypes };
}
