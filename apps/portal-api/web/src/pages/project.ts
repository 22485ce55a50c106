import { projects } from '../api/harbor';
import { type Project, roleLabel } from '../api/types';
import { link, type Params } from '../router';
import type { SignedIn } from '../session';
import { append, h, replace } from '../ui/dom';
import { membersTab } from './members';
import { repositoriesTab } from './repositories';
import { robotsTab } from './robots';

// /harbor/projects/:id/{repositories,members,robot-account}: the project's header and tabs.

export type ProjectTab = 'repositories' | 'members' | 'robots';

const TABS: readonly { tab: ProjectTab; label: string; path: string }[] = [
  { tab: 'repositories', label: 'Repositories', path: 'repositories' },
  { tab: 'members', label: 'Members', path: 'members' },
  { tab: 'robots', label: 'Robot Accounts', path: 'robot-account' },
];

export function projectPage(who: SignedIn, page: HTMLElement, params: Params, tab: ProjectTab): void {
  const body = h('div', { class: 'tab-body' }, h('div', { class: 'spinner', attrs: { role: 'status' } }, 'Loading…'));
  append(page, body);
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) return replace(body, h('div', { class: 'alert alert-danger', attrs: { role: 'alert' } }, `Invalid project id: ${params.id}`));
  projects.get(id).then(
    (project) => {
      replace(page, projectHeader(project), tabBar(project, tab), body);
      replace(body);
      const render = { repositories: repositoriesTab, members: membersTab, robots: robotsTab }[tab];
      render(who, project, body);
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

function tabBar(project: Project, active: ProjectTab): HTMLElement {
  return h('nav', { class: 'tabs', attrs: { 'aria-label': 'Project sections' } },
    ...TABS.map((t) => {
      const a = link(`/harbor/projects/${project.project_id}/${t.path}`, t.label);
      a.className = t.tab === active ? 'tab active' : 'tab';
      if (t.tab === active) a.setAttribute('aria-current', 'page');
      return a;
    }),
  );
}
