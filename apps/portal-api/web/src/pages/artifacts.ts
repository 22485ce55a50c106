import { artifacts, projects } from '../api/harbor';
import type { Artifact, Project } from '../api/types';
import { type ProjectPermissions, projectPermissions } from '../permissions';
import { link, type Params } from '../router';
import { registryHost, type SignedIn } from '../session';
import { type DataGrid, dataGrid } from '../ui/datagrid';
import { ICONS, append, button, h, icon, replace } from '../ui/dom';
import { formatSize, formatTime, shortDigest } from '../ui/format';
import { labelChip } from '../ui/label-chip';
import { copyableValue } from '../ui/modal';
import { artifactUrl, nameInProject, pullCommand, repositoryUrl } from '../urls';
import { deleteAction } from './delete-action';

// /harbor/projects/:id/repositories/:repo/artifacts-tab: the artifacts of one repository with
// their tags, labels, size, times and a pull command by digest, each digest linking to the
// artifact's details; Delete for those who may delete.

export function artifactsPage(who: SignedIn, page: HTMLElement, params: Params): void {
  const body = h('div', { class: 'tab-body' }, h('div', { class: 'spinner', attrs: { role: 'status' } }, 'Loading…'));
  append(page, body);
  const id = Number(params.id);
  Promise.all([projects.get(id), projectPermissions(who, id)]).then(
    ([project, permissions]) => {
      const repositoryName = `${project.name}/${params.repo}`;
      replace(page, header(project, repositoryName), body);
      replace(body, artifactGrid(project, repositoryName, permissions).element);
    },
    (err: Error) => replace(body, h('div', { class: 'alert alert-danger', attrs: { role: 'alert' } }, err.message)),
  );
}

function header(project: Project, repositoryName: string): HTMLElement {
  return h('div', { class: 'project-header' },
    h('div', { class: 'breadcrumb' },
      link('/harbor/projects', 'Projects'), h('span', { class: 'sep' }, '›'),
      link(`/harbor/projects/${project.project_id}/repositories`, project.name), h('span', { class: 'sep' }, '›'),
      link(repositoryUrl(project.project_id, project.name, repositoryName), nameInProject(project.name, repositoryName)),
    ),
    h('h2', { class: 'page-title' }, repositoryName),
    h('nav', { class: 'tabs' }, h('span', { class: 'tab active', attrs: { 'aria-current': 'page' } }, 'Artifacts')),
  );
}

function artifactGrid(project: Project, repositoryName: string, permissions: ProjectPermissions): DataGrid {
  const grid: DataGrid = dataGrid<Artifact>({
    columns: [
      { title: 'Artifacts', cell: (a) => link(artifactUrl(project.project_id, project.name, repositoryName, a.digest), h('span', { class: 'digest', attrs: { title: a.digest } }, shortDigest(a.digest))) },
      { title: 'Pull Command', cell: (a) => pullCommandCell(pullCommand(registryHost(), repositoryName, a.digest)) },
      { title: 'Tags', cell: (a) => tagList(a) },
      { title: 'Labels', cell: (a) => h('span', { class: 'artifact-labels' }, ...(a.labels ?? []).map(labelChip)) },
      { title: 'Size', cell: (a) => formatSize(a.size), class: 'number' },
      { title: 'Push Time', cell: (a) => formatTime(a.push_time) },
      { title: 'Pull Time', cell: (a) => formatTime(a.pull_time) },
    ],
    load: (paging) => artifacts.list(project.name, repositoryName, paging),
    label: (a) => shortDigest(a.digest),
    emptyText: 'We could not find any artifacts!',
    actions: [
      deleteAction({
        title: 'Confirm artifact deletion',
        what: 'artifact(s)',
        label: (a) => shortDigest(a.digest),
        remove: (a) => artifacts.delete(project.name, repositoryName, a.digest),
        after: () => void grid.reload(),
        visible: permissions.can('artifact', 'delete'),
      }),
    ],
  });
  return grid;
}

function tagList(artifact: Artifact): HTMLElement {
  const tags = artifact.tags ?? [];
  return h('span', { class: 'tags' }, ...tags.map((t) => h('span', { class: 'label' }, t.name)));
}

/**
 * A copy icon; clicking it opens the command in a box with a COPY button (and copies it). The
 * box is fixed to the viewport so the grid's scrolling frame does not clip it.
 */
function pullCommandCell(command: string): HTMLElement {
  const popover = h('div', { class: 'popover', attrs: { role: 'dialog', 'aria-label': 'Pull command' } }, copyableValue(command, 'Pull command'));
  const close = () => cell.classList.remove('open');
  const toggle = button('', () => {
    if (cell.classList.contains('open')) return close();
    const box = toggle.getBoundingClientRect();
    popover.style.left = `${Math.max(8, Math.min(box.left, window.innerWidth - 580))}px`;
    popover.style.top = `${box.bottom + 4}px`;
    cell.classList.add('open');
    popover.querySelector<HTMLButtonElement>('button')?.click();
  }, { class: 'btn btn-icon copy-toggle', attrs: { title: command, 'aria-label': 'Copy pull command' } });
  toggle.append(icon(ICONS.copy));
  const cell = h('span', { class: 'pull-command' }, toggle, popover);
  // A click elsewhere or scrolling (which would move the row away from the box) closes it.
  const outside = (event: Event) => {
    if (!cell.isConnected) {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('scroll', outside, true);
    } else if (!cell.contains(event.target as Node)) close();
  };
  document.addEventListener('mousedown', outside);
  document.addEventListener('scroll', outside, true);
  cell.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  return cell;
}
