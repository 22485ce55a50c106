import { retentionTasks } from '@harbor-ts/jobs';
import type { Pool } from 'pg';
import type { RetentionJobParams } from './retention-params';
import { RetentionStore } from './retention.store';

/** A schedule firing's tasks, as libs/jobs retentionTasks expands them; [] when the policy is gone. */
export async function expandRetentionRun(db: Pool, policyId: number, dryRun = false): Promise<RetentionJobParams[]> {
  const store = new RetentionStore(db);
  const policy = await store.policy(policyId);
  if (!policy) return [];
  const { projectName, names } = await store.repositoryNames(policy.scope.ref);
  return retentionTasks(policyId, policy.rules, projectName, names, dryRun);
}
