import { rulesFor } from '@harbor-ts/jobs';
import type { Pool } from 'pg';
import type { RetentionJobParams } from './retention-params';
import { RetentionStore } from './retention.store';

/**
 * One task's params per repository of the policy's project that an enabled rule's repository
 * selectors choose (Harbor launches no task for the others). Used when the policy's schedule
 * fires; [] when the policy is gone or chooses no repository.
 */
export async function expandRetentionRun(db: Pool, policyId: number, dryRun = false): Promise<RetentionJobParams[]> {
  const store = new RetentionStore(db);
  const policy = await store.policy(policyId);
  if (!policy) return [];
  const { projectName, names } = await store.repositoryNames(policy.scope.ref);
  return names
    .filter((name) => rulesFor(policy.rules, name.slice(projectName.length + 1)).length > 0)
    .map((repository) => ({ policyId, repository, dryRun }));
}
