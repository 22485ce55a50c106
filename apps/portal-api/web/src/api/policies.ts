import { api, type Page } from './client';
import type { PageRequest } from './harbor';

// The project's Policy tab: immutable tag rules and the tag retention policy, in Harbor's
// models (ImmutableRule, RetentionPolicy, RetentionExecution) and URL shapes.

const V2 = '/api/v2.0';

/** A doublestar selector: repoMatches/repoExcludes for repositories, matches/excludes for tags. */
export interface Selector {
  kind: 'doublestar';
  decoration: string;
  pattern: string;
  extras?: string;
}

export interface ImmutableRule {
  id: number;
  disabled: boolean;
  tag_selectors: Selector[];
  scope_selectors: { repository: Selector[] };
}

export interface RetentionRule {
  id?: number;
  priority?: number;
  disabled?: boolean;
  action: 'retain';
  template: string;
  params: Record<string, number>;
  tag_selectors: Selector[];
  scope_selectors: { repository: Selector[] };
}

export interface RetentionPolicy {
  id?: number;
  algorithm: 'or';
  rules: RetentionRule[];
  trigger: { kind: 'Schedule'; settings: { cron: string }; references?: Record<string, unknown> };
  scope: { level: 'project'; ref: number };
}

export interface RetentionExecution {
  id: number;
  policy_id: number;
  status: string;
  trigger: string;
  dry_run: boolean;
  start_time: string;
  end_time?: string;
}

/** What a new rule of either kind says: which repositories and tags it takes. */
export interface SelectorChoice {
  repositoryDecoration: string;
  repositoryPattern: string;
  tagDecoration: string;
  tagPattern: string;
  /** Retention only: untagged artifacts are taken too. */
  untagged?: boolean;
}

export function selectorsOf(c: SelectorChoice): Pick<ImmutableRule, 'tag_selectors' | 'scope_selectors'> {
  return {
    tag_selectors: [{ kind: 'doublestar', decoration: c.tagDecoration, pattern: c.tagPattern, ...(c.untagged ? { extras: JSON.stringify({ untagged: true }) } : {}) }],
    scope_selectors: { repository: [{ kind: 'doublestar', decoration: c.repositoryDecoration, pattern: c.repositoryPattern }] },
  };
}

const rulesPath = (projectId: number) => `${V2}/projects/${projectId}/immutabletagrules`;

export const immutableRules = {
  list: (projectId: number, p: PageRequest): Promise<Page<ImmutableRule>> => api.page<ImmutableRule>(rulesPath(projectId), { page: p.page, page_size: p.pageSize }),
  create: (projectId: number, choice: SelectorChoice) => api.post(rulesPath(projectId), { disabled: false, action: 'immutable', template: 'immutable_template', ...selectorsOf(choice) }),
  /** A body without selectors only switches the rule on or off. */
  setDisabled: (projectId: number, id: number, disabled: boolean) => api.put(`${rulesPath(projectId)}/${id}`, { disabled }),
  delete: (projectId: number, id: number) => api.delete(`${rulesPath(projectId)}/${id}`),
};

/** A policy that only runs by hand ("Run Now"): Harbor's Schedule trigger with an empty cron. */
export function manualPolicy(projectId: number, rules: RetentionRule[]): RetentionPolicy {
  return { algorithm: 'or', rules, trigger: { kind: 'Schedule', settings: { cron: '' } }, scope: { level: 'project', ref: projectId } };
}

export const retention = {
  get: (id: number) => api.get<RetentionPolicy>(`${V2}/retentions/${id}`),
  create: (policy: RetentionPolicy) => api.post(`${V2}/retentions`, policy),
  update: (id: number, policy: RetentionPolicy) => api.put(`${V2}/retentions/${id}`, policy),
  run: (id: number, dryRun: boolean) => api.post(`${V2}/retentions/${id}/executions`, { dry_run: dryRun }),
  executions: (id: number, p: PageRequest) => api.page<RetentionExecution>(`${V2}/retentions/${id}/executions`, { page: p.page, page_size: p.pageSize }),
};
