import type { RetentionPolicy, RetentionRule } from './policy';
import { retentionPolicyProblem } from './validate';

const rule: RetentionRule = {
  action: 'retain',
  template: 'latestPushedK',
  params: { latestPushedK: 3 },
  tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: '**', extras: '{"untagged":true}' }],
  scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: '**' }] },
};
const policy = (rules: RetentionRule[], over: Partial<RetentionPolicy> = {}): RetentionPolicy => ({
  algorithm: 'or', rules, trigger: { kind: 'Schedule', settings: { cron: '' } }, scope: { level: 'project', ref: 1 }, ...over,
});
const tagSel = (s: Partial<RetentionRule['tag_selectors'][0]>) => ({ ...rule, tag_selectors: [{ ...rule.tag_selectors[0], ...s }] });

describe('retentionPolicyProblem', () => {
  it('accepts a valid policy, every template, and no rules at all', () => {
    expect(retentionPolicyProblem(policy([rule]))).toBeUndefined();
    expect(retentionPolicyProblem(policy([]))).toBeUndefined();
    for (const t of ['latestPulledN', 'nDaysSinceLastPush', 'nDaysSinceLastPull']) expect(retentionPolicyProblem(policy([{ ...rule, template: t, params: { [t]: 1 } }]))).toBeUndefined();
    expect(retentionPolicyProblem(policy([{ ...rule, template: 'always', params: {} }]))).toBeUndefined();
  });

  it.each([
    [policy(Array.from({ length: 16 }, (_, i) => ({ ...rule, params: { latestPushedK: i + 1 } }))), 'only 15 rules are allowed at most'],
    [policy([rule], { algorithm: 'and' }), 'invalid algorithm: and, only "or" is supported'],
    [policy([rule], { scope: { level: 'system', ref: 1 } }), 'invalid scope level: system, only "project" is supported'],
    [policy([rule], { trigger: { kind: 'Event' } }), 'invalid trigger kind: Event, only "Schedule" is supported'],
    [policy([{ ...rule, template: 'latestK' }]), 'rule 0: unknown rule template: latestK'],
    [policy([{ ...rule, action: 'delete' }]), 'rule 0: invalid action: delete, only "retain" is supported'],
    [policy([{ ...rule, params: {} }]), 'rule 0: the parameter latestPushedK of the rule template latestPushedK must be a positive integer'],
    [policy([{ ...rule, params: { latestPushedK: 0 } }]), 'rule 0: the parameter latestPushedK of the rule template latestPushedK must be a positive integer'],
    [policy([{ ...rule, params: { latestPushedK: 1.5 } }]), 'rule 0: the parameter latestPushedK of the rule template latestPushedK must be a positive integer'],
    [policy([{ ...rule, params: { latestPushedK: '3' } }]), 'rule 0: the parameter latestPushedK of the rule template latestPushedK must be a positive integer'],
    [policy([tagSel({ kind: 'regex' })]), 'rule 0: tag selector: unsupported selector kind "regex": only doublestar is supported'],
    [policy([tagSel({ decoration: 'repoMatches' })]), 'rule 0: tag selector: invalid selector decoration "repoMatches": must be matches or excludes'],
    [policy([tagSel({ pattern: 'v[1' })]), 'rule 0: tag selector: invalid selector pattern "v[1": a character class is not closed'],
    [policy([tagSel({ pattern: '{a,b' })]), 'rule 0: tag selector: invalid selector pattern "{a,b": a brace is not closed'],
    [policy([tagSel({ pattern: '' })]), 'rule 0: tag selector: selector pattern cannot be empty'],
    [policy([tagSel({ extras: '{untagged' })]), 'rule 0: tag selector: invalid selector extras "{untagged": not JSON'],
    [policy([{ ...rule, tag_selectors: [] }]), 'rule 0: at least one tag selector is required'],
    [policy([{ ...rule, scope_selectors: {} }]), 'rule 0: a repository scope selector is required'],
    [policy([{ ...rule, scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'matches', pattern: '**' }] } }]), 'rule 0: scope selector: invalid selector decoration "matches": must be repoMatches or repoExcludes'],
    [policy([rule, { ...rule, id: 7 }]), 'rule 1 is conflict with rule 0'],
  ])('refuses case %#', (p, message) => {
    expect(retentionPolicyProblem(p)).toBe(message);
  });
});
