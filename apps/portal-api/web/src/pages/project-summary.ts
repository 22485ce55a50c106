import { type ProjectSummary, projectSettings } from '../api/project-settings';
import type { Project } from '../api/types';
import type { ProjectPermissions } from '../permissions';
import type { SignedIn } from '../session';
import { type Child, h, replace } from '../ui/dom';
import { formatSize } from '../ui/format';

// The Summary tab (Harbor's default project tab): access level and repositories, members by
// role, and the storage quota. The server leaves out members and quota for callers who may
// not see them, and so does the page.

const ROLE_COUNTS: readonly [keyof ProjectSummary, string][] = [
  ['project_admin_count', 'Project Admin'],
  ['maintainer_count', 'Maintainer'],
  ['developer_count', 'Developer'],
  ['guest_count', 'Guest'],
  ['limited_guest_count', 'Limited Guest'],
];

export function summaryTab(_who: SignedIn, project: Project, body: HTMLElement, _permissions: ProjectPermissions): void {
  const cards = h('div', { class: 'summary-cards' }, h('div', { class: 'spinner', attrs: { role: 'status' } }, 'Loading…'));
  replace(body, cards);
  projectSettings.summary(project.project_id).then(
    (summary) => replace(cards, projectCard(project, summary), membersCard(summary), quotaCard(summary)),
    (err: Error) => replace(cards, h('div', { class: 'alert alert-danger', attrs: { role: 'alert' } }, err.message)),
  );
}

function card(title: string, ...rows: Child[]): HTMLElement {
  return h('section', { class: 'summary-card', attrs: { 'aria-label': title } }, h('h3', {}, title), ...rows);
}

function fact(label: string, value: Child): HTMLElement {
  return h('div', { class: 'fact' }, h('span', { class: 'fact-label' }, label), h('span', { class: 'fact-value' }, value));
}

function projectCard(project: Project, summary: ProjectSummary): HTMLElement {
  return card('Project',
    fact('Access Level', project.metadata?.public === 'true' ? 'Public' : 'Private'),
    fact('Repositories', summary.repo_count),
  );
}

function membersCard(summary: ProjectSummary): HTMLElement | null {
  if (summary.project_admin_count === undefined) return null;
  return card('Members', ...ROLE_COUNTS.map(([field, label]) => fact(label, Number(summary[field] ?? 0))));
}

function quotaCard(summary: ProjectSummary): HTMLElement | null {
  if (!summary.quota) return null;
  const { hard, used } = summary.quota;
  const unlimited = hard.storage < 0;
  const percent = unlimited || hard.storage === 0 ? 0 : Math.min(100, (used.storage / hard.storage) * 100);
  const bar = h('div', { class: 'quota-bar', attrs: { role: 'progressbar', 'aria-label': 'Storage used', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(Math.round(percent)) } },
    h('div', { class: percent >= 85 ? 'quota-fill warning' : 'quota-fill' }));
  (bar.firstChild as HTMLElement).style.width = `${percent}%`;
  return card('Quota',
    fact('Storage', `${formatSize(used.storage)} of ${unlimited ? 'unlimited' : formatSize(hard.storage)}`),
    bar,
  );
}
