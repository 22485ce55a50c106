export { expandRetentionRun } from './expand-run';
export { createRetentionHandler, type ManifestRemover, RETENTION_RETRY_POLICY, type RetentionHandlerDeps, type RetentionSummary } from './retention.handler';
export { parseRetentionParams, type RetentionJobParams } from './retention-params';
