import type { RetentionCandidate } from './candidate';
import { type RetentionRule, type RetentionTemplate } from './policy';
import { repositorySelected, selectByTags } from './selectors';
import { evaluateTemplate } from './templates';

export interface RetentionResult {
  retained: RetentionCandidate[];
  deleted: RetentionCandidate[];
}

/** The enabled rules whose repository selectors choose `repository` (the name inside the project). */
export function rulesFor(rules: readonly RetentionRule[], repository: string): RetentionRule[] {
  return rules.filter((r) => !r.disabled && repositorySelected(r.scope_selectors.repository ?? [], repository));
}

/**
 * Harbor's "or" algorithm for one repository: an artifact is retained when any applicable rule
 * retains it, or when it is immutable; every other artifact is deleted. With no applicable rule
 * the repository is out of the policy's scope and everything stays.
 */
export function selectRetention(repository: string, candidates: readonly RetentionCandidate[], rules: readonly RetentionRule[], now = Date.now()): RetentionResult {
  const applicable = rulesFor(rules, repository);
  if (applicable.length === 0) return { retained: [...candidates], deleted: [] };
  const kept = new Set<string>(candidates.filter((c) => c.immutable).map((c) => c.digest));
  for (const rule of applicable) {
    const chosen = selectByTags(rule.tag_selectors, candidates);
    for (const c of evaluateTemplate(rule.template as RetentionTemplate, rule.params, chosen, now)) kept.add(c.digest);
  }
  return {
    retained: candidates.filter((c) => kept.has(c.digest)),
    deleted: candidates.filter((c) => !kept.has(c.digest)),
  };
}
