import { repositories } from '../api/harbor';
import type { Project, Repository } from '../api/types';
import type { ProjectPermissions } from '../permissions';
import { link } from '../router';
import { registryHost, type SignedIn } from '../session';
import { dataGrid } from '../ui/datagrid';
import { append } from '../ui/dom';
import { formatTime } from '../ui/format';
import { repositoryUrl } from '../urls';
import { openPushCommands } from './push-command';
import { deleteAction } from './delete-action';

// The Repositories tab: the project's repositories, each linking to its artifacts. As in
// Harbor, Push Command shows to those who may create repositories, Delete to those who may
// delete them.

export function repositoriesTab(_who: SignedIn, project: Project, body: HTMLElement, permissions: ProjectPermissions): void {
  const grid = dataGrid<Repository>({
    columns: [
      { title: 'Name', cell: (r) => link(repositoryUrl(project.project_id, project.name, r.name), r.name) },
      { title: 'Artifacts', cell: (r) => r.artifact_count, class: 'number' },
      { title: 'Pulls', cell: (r) => r.pull_count, class: 'number' },
      { title: 'Last Modified Time', cell: (r) => formatTime(r.update_time) },
    ],
    load: (paging, name) => repositories.list(project.name, paging, name),
    label: (r) => r.name,
    filterPlaceholder: 'Filter repositories',
    emptyText: 'We could not find any repositories!',
    actions: [
      { label: 'PUSH COMMAND', kind: 'create', visible: permissions.can('repository', 'create'), run: () => openPushCommands(registryHost(), project.name) },
      deleteAction({
        title: 'Confirm repository deletion',
        what: 'repository',
        label: (r) => r.name,
        remove: (r) => repositories.delete(project.name, r.name),
        after: () => void grid.reload(),
        visible: permissions.can('repository', 'delete'),
      }),
    ],
  });
  append(body, grid.element);
}
