import { robots } from '../api/harbor';
import type { Project, Robot, RobotAccess, RobotCreated } from '../api/types';
import type { ProjectPermissions } from '../permissions';
import { durationError, robotNameError } from '../rules';
import type { SignedIn } from '../session';
import { type DataGrid, dataGrid } from '../ui/datagrid';
import { append, h } from '../ui/dom';
import { allValid, checkbox, textField } from '../ui/form';
import { expiresIn, formatTime } from '../ui/format';
import { copyableValue, openDialog } from '../ui/modal';
import { deleteAction } from './delete-action';

// The Robot Accounts tab: the project's robots; a new robot's secret is shown exactly once.
// Creating and deleting show only for those allowed to (project admins in Harbor's matrix).

export function robotsTab(_who: SignedIn, project: Project, body: HTMLElement, permissions: ProjectPermissions): void {
  const grid: DataGrid = dataGrid<Robot>({
    columns: [
      { title: 'Name', cell: (r) => r.name },
      { title: 'Status', cell: (r) => (r.disable ? 'Disabled' : 'Enabled') },
      { title: 'Permissions', cell: (r) => permissionSummary(r) },
      { title: 'Creation Time', cell: (r) => formatTime(r.creation_time) },
      { title: 'Expires in', cell: (r) => expiresIn(r.expires_at) },
      { title: 'Description', cell: (r) => r.description },
    ],
    load: (paging, name) => robots.listInProject(project.project_id, paging, name),
    label: (r) => r.name,
    filterPlaceholder: 'Filter robot accounts',
    emptyText: 'We could not find any robot accounts!',
    actions: [
      { label: '+ NEW ROBOT ACCOUNT', kind: 'create', visible: permissions.can('robot', 'create'), run: () => newRobot(project, () => void grid.reload()) },
      deleteAction({
        title: 'Confirm robot account deletion',
        what: 'robot account(s)',
        label: (r) => r.name,
        remove: (r) => robots.delete(r.id),
        after: () => void grid.reload(),
        visible: permissions.can('robot', 'delete'),
      }),
    ],
  });
  append(body, grid.element);
}

function permissionSummary(robot: Robot): string {
  return robot.permissions.flatMap((p) => p.access.map((a) => `${a.action} ${a.resource}`)).join(', ');
}

function newRobot(project: Project, created: () => void): void {
  const name = textField({ label: 'Name', name: 'robot_name', validate: (v) => robotNameError(v.trim()) });
  const description = textField({ label: 'Description', name: 'robot_description' });
  const never = checkbox('Never expires', 'never_expires', false);
  const days = textField({ label: 'Expiration time (days)', name: 'robot_duration', type: 'number', value: '30', validate: (v) => (never.input.checked ? undefined : durationError(v)) });
  never.input.addEventListener('change', () => (days.input.disabled = never.input.checked));
  const pull = checkbox('Pull Repository', 'perm_pull', true);
  const push = checkbox('Push Repository', 'perm_push', false);
  const access = (): RobotAccess[] => [...(pull.input.checked ? [{ resource: 'repository', action: 'pull' }] : []), ...(push.input.checked ? [{ resource: 'repository', action: 'push' }] : [])];
  const dialog = openDialog({
    title: 'New Robot Account',
    body: [
      h('p', { class: 'dialog-intro' }, `The robot account will be named robot$${project.name}+<name>.`),
      name.element, description.element, days.element,
      h('div', { class: 'field' }, h('span', { class: 'field-label' }, ''), h('div', { class: 'field-control' }, never.element)),
      h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Permissions'), h('div', { class: 'field-control checks' }, pull.element, push.element)),
    ],
    valid: () => allValid([name, days]) && access().length > 0,
    onOk: async () => {
      const robot = await robots.create({
        name: name.value(),
        description: description.value(),
        duration: never.input.checked ? -1 : Number(days.value()),
        permissions: [{ kind: 'project', namespace: project.name, access: access() }],
      });
      created();
      void dialog.closed.then(() => showSecret(robot));
    },
  });
}

function showSecret(robot: RobotCreated): void {
  openDialog({
    title: `Robot account ${robot.name} created`,
    infoOnly: true,
    body: [
      h('p', {}, 'Copy the secret now: this is the only time it is shown.'),
      h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Name'), h('div', { class: 'field-control' }, copyableValue(robot.name, 'Robot name'))),
      h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Secret'), h('div', { class: 'field-control' }, copyableValue(robot.secret, 'Robot secret'))),
    ],
  });
}
