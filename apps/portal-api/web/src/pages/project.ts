import { projects } from '../api/harbor';
import { type Project, roleLabel } from '../api/types';
import { type ProjectAction, type ProjectPermissions, type ProjectResource, projectPermissions } from '../permissions';
import { link, navigate, type Params } from '../router';
import type { SignedIn } from '../session';
import { append, h, replace } from '../ui/dom';
import { membersTab } from './members';
import { configTab } from './project-config';
import { logsTab } from './project-logs';
import { mayListPolicies, policyTab } from './project-policy';
import { summaryTab } from './project-summary';
import { repositoriesTab } from './repositories';
import { robotsTab } from './robots';
import { webhooksTab } from './webhooks';

// /harbor/projects/:id/{summary,repositories,members,tag-strategy,robot-account,webhook,logs,configs}:
// the project's header and tabs, in Harbor's order.
// As in Harbor, a tab shows only when the user may list what it lists, and each tab shows
// only the actions the user's permissions allow.

export type ProjectTab = 'summary' | 'repositories' | 'members' | 'policy' | 'robots' | 'webhooks' | 'logs' | 'configs';

/** Renders a tab's content into `body`. */
type TabView = (who: SignedIn, project: Project, body: HTMLElement, permissions: ProjectPermissions) => void;

interface TabSpec {
  tab: ProjectTab;
  label: string;
  path: string;
  /** Whether the user may see the tab: mostly, may list what it lists. */
  shows: (permissions: ProjectPermissions) => boolean;
  view: TabView;
}

const may = (resource: ProjectResource, action: ProjectAction) => (permissions: ProjectPermissions) => permissions.can(resource, action);

const TABS: readonly TabSpec[] = [
  { tab: 'summary', label: 'Summary', path: 'summary', shows: may('.', 'read'), view: summaryTab },
  { tab: 'repositories', label: 'Repositories', path: 'repositories', shows: may('repository', 'list'), view: repositoriesTab },
  { tab: 'members', label: 'Members', path: 'members', shows: may('member', 'list'), view: membersTab },
  { tab: 'policy', label: 'Policy', path: 'tag-strategy', shows: mayListPolicies, view: policyTab },
  { tab: 'robots', label: 'Robot Accounts', path: 'robot-account', shows: may('robot', 'list'), view: robotsTab },
  { tab: 'webhooks', label: 'Webhooks', path: 'webhook', shows: may('notification-policy', 'list'), view: webhooksTab },
  { tab: 'logs', label: 'Logs', path: 'logs', shows: may('log', 'list'), view: logsTab },
  { tab: 'configs', label: 'Configuration', path: 'configs', shows: may('configuration', 'read'), view: configTab },
];

export function projectPage(who: SignedIn, page: HTMLElement, params: Params, tab: ProjectTab): void {
  const body = h('div', { class: 'tab-body' }, h('div', { class: 'spinner', attrs: { role: 'status' } }, 'Loading…'));
  append(page, body);
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) return replace(body, h('div', { class: 'alert alert-danger', attrs: { role: 'alert' } }, `Invalid project id: ${params.id}`));
  Promise.all([projects.get(id), projectPermissions(who, id)]).then(
    ([project, permissions]) => {
      if (!page.isConnected) return; // the user has moved on
      const tabs = TABS.filter((t) => t.shows(permissions));
      const active = tabs.find((t) => t.tab === tab);
      // A hidden tab opened by its URL: go to the first tab the user may see.
      if (!active && tabs.length > 0) return navigate(tabUrl(project, tabs[0]), { replace: true });
      replace(page, projectHeader(project), tabBar(project, tabs, tab), body);
      replace(body);
      if (active) active.view(who, project, body, permissions);
      else append(body, h('div', { class: 'alert alert-info', attrs: { role: 'status' } }, 'You have no permission to view the contents of this project.'));
    },
    (err: Error) => replace(body, h('div', { class: 'alert alert-danger', attrs: { role: 'alert' } }, err.message)),
  );
}

function projectHeader(project: Project): HTMLElement {
  const access = project.metadata?.public === 'true' ? 'Public' : 'Private';
  return h('div', { class: 'project-header' },
    h('div', { class: 'breadcrumb' }, link('/harbor/projects', '‹ Projects')),
    h('h2', { class: 'page-title' }, project.name, h('span', { class: 'badge' }, access), h('span', { class: 'role' }, roleLabel(project.current_user_role_id))),
  );
}

function tabUrl(project: Project, tab: TabSpec): string {
  return `/harbor/projects/${project.project_id}/${tab.path}`;
}

function tabBar(project: Project, tabs: readonly TabSpec[], active: ProjectTab): HTMLElement {
  return h('nav', { class: 'tabs', attrs: { 'aria-label': 'Project sections' } },
    ...tabs.map((t) => {
      const a = link(tabUrl(project, t), t.label);
      a.className = t.tab === active ? 'tab active' : 'tab';
      if (t.tab === active) a.setAttribute('aria-current', 'page');
      return a;
    }),
  );
}
