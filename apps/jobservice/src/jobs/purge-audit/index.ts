export { createPurgeAuditHandler, PURGE_AUDIT_RETRY, PURGE_BATCH_SIZE, type PurgeAuditDeps } from './purge-audit.handler';
export type { PurgeAuditParams } from './purge-audit.params';
