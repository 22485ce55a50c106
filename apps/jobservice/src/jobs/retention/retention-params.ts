import type { RetentionTaskParams } from '@harbor-ts/jobs';

/** What each RETENTION task is given: one repository of the policy's project. */
export type RetentionJobParams = RetentionTaskParams;

/** Redis is untyped: the worker checks the payload again. */
export function parseRetentionParams(raw: Record<string, unknown>): RetentionJobParams {
  const { policyId, repository, dryRun } = raw;
  if (typeof policyId !== 'number' || !Number.isInteger(policyId) || policyId < 1) throw new Error(`invalid retention params: policyId ${String(policyId)}`);
  if (typeof repository !== 'string' || !repository.includes('/')) throw new Error(`invalid retention params: repository ${String(repository)}`);
  if (dryRun !== undefined && typeof dryRun !== 'boolean') throw new Error(`invalid retention params: dryRun ${String(dryRun)}`);
  return { policyId, repository, dryRun: dryRun === true };
}
