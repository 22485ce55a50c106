import { MAX_RETENTION_RULES, RETENTION_TEMPLATES, type RetentionPolicy, type RetentionRule, type RetentionTemplate } from './policy';
import { selectorProblem } from './selectors';
import { templateParamsProblem } from './templates';

/**
 * Why Harbor would refuse the policy (400), or undefined. Checks the algorithm, the scope, the
 * rule count, and per rule the action, template, parameters and selectors; also refuses two
 * identical rules (Harbor's checkRuleConflict). The cron is checked by the caller.
 */
export function retentionPolicyProblem(policy: RetentionPolicy): string | undefined {
  if (policy.algorithm !== 'or') return `invalid algorithm: ${policy.algorithm}, only "or" is supported`;
  if (policy.scope.level !== 'project') return `invalid scope level: ${policy.scope.level}, only "project" is supported`;
  if (!Number.isInteger(policy.scope.ref) || policy.scope.ref < 1) return `invalid scope reference: ${policy.scope.ref}`;
  if (policy.trigger.kind !== 'Schedule') return `invalid trigger kind: ${policy.trigger.kind}, only "Schedule" is supported`;
  if (policy.rules.length > MAX_RETENTION_RULES) return `only ${MAX_RETENTION_RULES} rules are allowed at most`;
  const seen = new Map<string, number>();
  for (const [i, rule] of policy.rules.entries()) {
    const problem = ruleProblem(rule);
    if (problem) return `rule ${i}: ${problem}`;
    const key = JSON.stringify({ ...rule, id: 0 });
    const twin = seen.get(key);
    if (twin !== undefined) return `rule ${i} is conflict with rule ${twin}`;
    seen.set(key, i);
  }
  return undefined;
}

function ruleProblem(rule: RetentionRule): string | undefined {
  if (rule.action !== 'retain') return `invalid action: ${rule.action}, only "retain" is supported`;
  if (!(RETENTION_TEMPLATES as readonly string[]).includes(rule.template)) return `unknown rule template: ${rule.template}`;
  const params = templateParamsProblem(rule.template as RetentionTemplate, rule.params);
  if (params) return params;
  if (rule.tag_selectors.length === 0) return 'at least one tag selector is required';
  for (const s of rule.tag_selectors) {
    const problem = selectorProblem(s, 'tag');
    if (problem) return `tag selector: ${problem}`;
  }
  const scopes = Object.entries(rule.scope_selectors);
  if (!(rule.scope_selectors.repository?.length > 0)) return 'a repository scope selector is required';
  for (const [key, selectors] of scopes) {
    if (key !== 'repository') return `unknown scope selector: ${key}`;
    for (const s of selectors) {
      const problem = selectorProblem(s, 'repository');
      if (problem) return `scope selector: ${problem}`;
    }
  }
  return undefined;
}
