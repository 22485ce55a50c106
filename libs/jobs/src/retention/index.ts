// Tag retention shared by core (policy validation, metadata) and jobservice (the selection).
export type { RetentionCandidate } from './candidate';
export { MAX_RETENTION_RULES, RETENTION_METADATA, RETENTION_TEMPLATES, triggerCron, type RetentionPolicy, type RetentionRule, type RetentionSelector, type RetentionTemplate, type RetentionTrigger } from './policy';
export { type RetentionResult, rulesFor, selectRetention } from './select';
export { retentionPolicyProblem } from './validate';
export { retentionTasks, type RetentionTaskParams } from './tasks';
