import type { RetentionCandidate } from './candidate';
import type { RetentionTemplate } from './policy';

// Harbor's rule evaluators (src/pkg/retention/policy/rule/*): each picks, among the artifacts
// a rule's selectors chose, the ones the rule retains. The parameter is named after the template.

const DAY_MS = 24 * 60 * 60 * 1000;

type Evaluator = (candidates: readonly RetentionCandidate[], n: number, now: number) => RetentionCandidate[];

/** Newest first; equal times fall back to the digest so a run is deterministic. */
function newest(key: 'pushedTime' | 'pulledTime'): (a: RetentionCandidate, b: RetentionCandidate) => number {
  return (a, b) => b[key] - a[key] || a.digest.localeCompare(b.digest);
}

const EVALUATORS: Record<RetentionTemplate, Evaluator> = {
  latestPushedK: (cs, k) => [...cs].sort(newest('pushedTime')).slice(0, k),
  // Never-pulled artifacts sort last but still fill the N places when fewer were pulled (Harbor).
  latestPulledN: (cs, n) => [...cs].sort(newest('pulledTime')).slice(0, n),
  nDaysSinceLastPush: (cs, days, now) => cs.filter((c) => c.pushedTime >= now - days * DAY_MS),
  nDaysSinceLastPull: (cs, days, now) => cs.filter((c) => c.pulledTime > 0 && c.pulledTime >= now - days * DAY_MS),
  always: (cs) => [...cs],
};

export function evaluateTemplate(template: RetentionTemplate, params: Record<string, unknown> | undefined, candidates: readonly RetentionCandidate[], now: number): RetentionCandidate[] {
  return EVALUATORS[template](candidates, Number(params?.[template] ?? 0), now);
}

/** Why the rule's parameters are unusable, or undefined. Every counted template needs a positive integer. */
export function templateParamsProblem(template: RetentionTemplate, params: Record<string, unknown> | undefined): string | undefined {
  if (template === 'always') return undefined;
  const value = params?.[template];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 2_147_483_647) {
    return `the parameter ${template} of the rule template ${template} must be a positive integer`;
  }
  return undefined;
}
