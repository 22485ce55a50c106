import type { RetentionRule } from './policy';
import { rulesFor } from './select';

/** What each RETENTION task is given: one repository of the policy's project. */
export interface RetentionTaskParams {
  policyId: number;
  /** Full repository name, "project/repo". */
  repository: string;
  dryRun: boolean;
}

/**
 * One task per repository of the project that an enabled rule's repository selectors choose
 * (Harbor launches no task for the others). A manual run (core) and a schedule firing
 * (jobservice) expand a run the same way.
 */
export function retentionTasks(policyId: number, rules: readonly RetentionRule[], projectName: string, repositories: readonly string[], dryRun: boolean): RetentionTaskParams[] {
  const prefix = `${projectName}/`;
  return repositories
    .filter((name) => name.startsWith(prefix) && rulesFor(rules, name.slice(prefix.length)).length > 0)
    .map((repository) => ({ policyId, repository, dryRun }));
}
