import { matchesSelector, REPOSITORY_DECORATIONS, type Selector, type SelectorDecoration, TAG_DECORATIONS, validateSelector } from '@harbor-ts/jobs';
import { z } from 'zod';
import { HarborError } from '../common/harbor-error';

// Harbor's ImmutableRule: one tag selector (matches/excludes) and one repository selector
// (repoMatches/repoExcludes) under scope_selectors.repository, both doublestar. A tag is
// immutable when an enabled rule's two selectors both take it.

export const ACTION = 'immutable';
export const TEMPLATE = 'immutable_template';
export const MAX_RULES_PER_PROJECT = 15;

const selectorBody = z.object({
  kind: z.string().optional(),
  decoration: z.string().optional(),
  pattern: z.string().optional(),
  extras: z.string().optional(),
});

/** The request body; unknown fields are ignored, as go-swagger does. */
export const immutableRuleBody = z.object({
  id: z.number().int().optional(),
  priority: z.number().int().optional(),
  disabled: z.boolean().optional(),
  action: z.string().optional(),
  template: z.string().optional(),
  params: z.record(z.string(), z.unknown()).nullable().optional(),
  tag_selectors: z.array(selectorBody).nullable().optional(),
  scope_selectors: z.record(z.string(), z.array(selectorBody)).nullable().optional(),
});
export type ImmutableRuleBody = z.infer<typeof immutableRuleBody>;

/** What `tag_filter` holds. */
export interface RuleFilter {
  priority: number;
  action: string;
  template: string;
  tag_selectors: [Selector];
  scope_selectors: { repository: [Selector] };
}

export interface ImmutableRuleView extends RuleFilter {
  id: number;
  disabled: boolean;
}

/** Validates a body into the stored filter; 400 with the first problem found. */
export function ruleFilterOf(body: ImmutableRuleBody): RuleFilter {
  const action = body.action || ACTION;
  const template = body.template || TEMPLATE;
  if (action !== ACTION) throw HarborError.badRequest(`unsupported action "${action}": must be ${ACTION}`);
  if (template !== TEMPLATE) throw HarborError.badRequest(`unsupported template "${template}": must be ${TEMPLATE}`);
  const tags = body.tag_selectors ?? [];
  if (tags.length !== 1) throw HarborError.badRequest('only support one tagSelector');
  const scopes = Object.entries(body.scope_selectors ?? {});
  if (scopes.length !== 1 || scopes[0][1].length !== 1) throw HarborError.badRequest('only support one scopeSelector');
  if (scopes[0][0] !== 'repository') throw HarborError.badRequest(`unsupported scope selector "${scopes[0][0]}": only repository is supported`);
  return {
    priority: body.priority ?? 0,
    action,
    template,
    tag_selectors: [selector('tag selector', tags[0], TAG_DECORATIONS)],
    scope_selectors: { repository: [selector('repository selector', scopes[0][1][0], REPOSITORY_DECORATIONS)] },
  };
}

/** Whether the rule takes `tag` of `repository` (the name inside the project, as Harbor matches). */
export function ruleMatches(filter: RuleFilter, repository: string, tag: string): boolean {
  return matchesSelector(filter.scope_selectors.repository[0], repository) && matchesSelector(filter.tag_selectors[0], tag);
}

/** Fixed key order and no empty extras, so the stored JSON reads the same for equal rules. */
function selector(what: string, raw: z.infer<typeof selectorBody>, allowed: readonly SelectorDecoration[]): Selector {
  try {
    validateSelector(raw, allowed);
  } catch (err) {
    throw HarborError.badRequest(`invalid ${what}: ${(err as Error).message}`);
  }
  return { kind: raw.kind, decoration: raw.decoration, pattern: raw.pattern, ...(raw.extras ? { extras: raw.extras } : {}) };
}
