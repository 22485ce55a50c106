import { projects } from '../api/harbor';
import { type Project, roleLabel } from '../api/types';
import { type ProjectPermissions, type ProjectResource, projectPermissions } from '../permissions';
import { link, navigate, type Params } from '../router';
import type { SignedIn } from '../session';
import { append, h, replace } from '../ui/dom';
import { membersTab } from './members';
import { repositoriesTab } from './repositories';
import { robotsTab } from './robots';

// /harbor/projects/:id/{repositories,members,robot-account}: the project's header and tabs.
// As in Harbor, a tab shows only when the user may list what it lists, and each tab shows
// only the actions the user's permissions allow.

export type ProjectTab = 'repositories' | 'members' | 'robots';

/** Renders a tab's content into `body`. */
type TabView = (who: SignedIn, project: Project, body: HTMLElement, permissions: ProjectPermissions) => void;

interface TabSpec {
  tab: ProjectTab;
  label: string;
  path: string;
  /** Shown when the user may list this resource. */
  lists: ProjectResource;
  view: TabView;
}

const TABS: readonly TabSpec[] = [
  { tab: 'repositories', label: 'Repositories', path: 'repositories', lists: 'repository', view: repositoriesTab },
  { tab: 'members', label: 'Members', path: 'members', lists: 'member', view: membersTab },
  { tab: 'robots', label: 'Robot Accounts', path: 'robot-account', lists: 'robot', view: robotsTab },
];

export function projectPage(who: SignedIn, page: HTMLElement, params: Params, tab: ProjectTab): void {
  const body = h('div', { class: 'tab-body' }, h('div', { class: 'spinner', attrs: { role: 'status' } }, 'Loading…'));
  append(page, body);
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) return replace(body, h('div', { class: 'alert alert-danger', attrs: { role: 'alert' } }, `Invalid project id: ${params.id}`));
  Promise.all([projects.get(id), projectPermissions(who, id)]).then(
    ([project, permissions]) => {
      if (!page.isConnected) return; // the user has moved on
      const tabs = TABS.filter((t) => permissions.can(t.lists, 'list'));
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
