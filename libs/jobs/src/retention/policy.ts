// Harbor's tag retention policy model (src/pkg/retention/policy): what core stores and serves,
// and what the RETENTION job evaluates. Field names are Harbor's JSON ones.

export const RETENTION_TEMPLATES = ['latestPushedK', 'latestPulledN', 'nDaysSinceLastPush', 'nDaysSinceLastPull', 'always'] as const;
export type RetentionTemplate = (typeof RETENTION_TEMPLATES)[number];

/** Harbor caps a policy at 15 rules. */
export const MAX_RETENTION_RULES = 15;

export interface RetentionSelector {
  kind: string;
  decoration: string;
  pattern: string;
  /** JSON text; for doublestar tag selectors `{"untagged":true}` also selects untagged artifacts. */
  extras?: string;
}

export interface RetentionRule {
  id?: number;
  priority?: number;
  disabled?: boolean;
  action: string;
  template: string;
  params?: Record<string, unknown>;
  tag_selectors: RetentionSelector[];
  scope_selectors: Record<string, RetentionSelector[]>;
}

export interface RetentionTrigger {
  kind: string;
  settings?: Record<string, unknown>;
  references?: Record<string, unknown>;
}

export interface RetentionPolicy {
  id?: number;
  algorithm: string;
  rules: RetentionRule[];
  trigger: RetentionTrigger;
  scope: { level: string; ref: number };
}

/** The cron of a Schedule trigger, or undefined when the policy only runs by hand. */
export function triggerCron(trigger: RetentionTrigger | undefined): string | undefined {
  const cron = trigger?.kind === 'Schedule' ? trigger.settings?.cron : undefined;
  return typeof cron === 'string' && cron.trim() !== '' ? cron.trim() : undefined;
}

/** GET /retentions/metadatas: what the UI offers (Harbor's RetentionMetadata). */
export const RETENTION_METADATA = {
  templates: [
    { rule_template: 'latestPushedK', display_text: 'the most recently pushed # artifacts', action: 'retain', params: [{ type: 'int', unit: 'count', required: true }] },
    { rule_template: 'latestPulledN', display_text: 'the most recently pulled # artifacts', action: 'retain', params: [{ type: 'int', unit: 'count', required: true }] },
    { rule_template: 'nDaysSinceLastPush', display_text: 'pushed within the last # days', action: 'retain', params: [{ type: 'int', unit: 'days', required: true }] },
    { rule_template: 'nDaysSinceLastPull', display_text: 'pulled within the last # days', action: 'retain', params: [{ type: 'int', unit: 'days', required: true }] },
    { rule_template: 'always', display_text: 'always', action: 'retain', params: [] },
  ],
  scope_selectors: [{ display_text: 'Repositories', kind: 'doublestar', decorations: ['repoMatches', 'repoExcludes'] }],
  tag_selectors: [{ display_text: 'Tags', kind: 'doublestar', decorations: ['matches', 'excludes'] }],
};
