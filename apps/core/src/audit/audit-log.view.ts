import type { AuditRow } from './audit-log.repository';

/** Harbor's AuditLog model (the deprecated /audit-logs and /projects/{p}/logs). */
export interface AuditLogView {
  id: number;
  resource: string;
  resource_type: string;
  username: string;
  operation: string;
  op_time: string;
}

/** Harbor's AuditLogExt model. */
export interface AuditLogExtView extends AuditLogView {
  operation_description: string;
  operation_result: boolean;
}

export type AuditShape = 'legacy' | 'ext';

export function toAuditLogView(row: AuditRow): AuditLogView {
  return {
    id: Number(row.id),
    resource: row.resource,
    resource_type: row.resource_type,
    username: row.username,
    operation: row.operation,
    op_time: new Date(row.op_time).toISOString(),
  };
}

export function toAuditLogExtView(row: AuditRow): AuditLogExtView {
  return { ...toAuditLogView(row), operation_description: row.operation_description, operation_result: row.operation_result };
}
