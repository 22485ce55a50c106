import { projects } from '../api/harbor';
import { type Project, roleLabel } from '../api/types';
import { endProjectVisit, mayCreateProject } from '../permissions';
import { link } from '../router';
import type { SignedIn } from '../session';
import { dataGrid } from '../ui/datagrid';
import { append, h } from '../ui/dom';
import { formatTime } from '../ui/format';
import { openNewProjectDialog } from './project-new';
import { deleteAction } from './delete-action';

// /harbor/projects: every project the user can see, with New Project (unless the system
// leaves project creation to admins) and Delete.

export function projectsPage(who: SignedIn, page: HTMLElement): void {
  endProjectVisit(); // back at the list: opening a project asks for its permissions afresh
  const grid = dataGrid<Project>({
    columns: [
      { title: 'Project Name', cell: (p) => link(`/harbor/projects/${p.project_id}/repositories`, p.name) },
      { title: 'Access Level', cell: (p) => (p.metadata?.public === 'true' ? 'Public' : 'Private') },
      { title: 'Role', cell: (p) => roleLabel(p.current_user_role_id) },
      { title: 'Repositories Count', cell: (p) => p.repo_count, class: 'number' },
      { title: 'Creation Time', cell: (p) => formatTime(p.creation_time) },
    ],
    load: (paging, name) => projects.list(paging, name),
    label: (p) => p.name,
    filterPlaceholder: 'Filter projects',
    emptyText: 'We could not find any projects!',
    actions: [
      { label: '+ NEW PROJECT', kind: 'create', visible: mayCreateProject(who), run: () => openNewProjectDialog(who, () => void grid.reload()) },
      deleteAction({
        title: 'Confirm project deletion',
        what: 'project(s)',
        label: (p) => p.name,
        remove: (p) => projects.delete(p.project_id),
        after: () => void grid.reload(),
      }),
    ],
  });
  append(page, h('h2', { class: 'page-title' }, 'Projects'), grid.element);
}
