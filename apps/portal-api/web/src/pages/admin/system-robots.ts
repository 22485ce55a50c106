import { systemRobots } from '../../api/admin';
import type { SystemRobot } from '../../api/admin-types';
import type { SignedIn } from '../../session';
import { notify } from '../../shell';
import { type DataGrid, dataGrid } from '../../ui/datagrid';
import { append, h } from '../../ui/dom';
import { expiresIn, formatTime } from '../../ui/format';
import { openDialog } from '../../ui/modal';
import { openNewSystemRobotDialog, showRobotSecret } from './system-robot-dialog';
import { deleteAction } from '../delete-action';

// /harbor/robot-accounts (system admins only): the system robots; create, enable or disable,
// refresh the secret, delete.

export function systemRobotsPage(_who: SignedIn, page: HTMLElement): void {
  const one = (rows: SystemRobot[]) => rows.length === 1;
  const grid: DataGrid = dataGrid<SystemRobot>({
    columns: [
      { title: 'Name', cell: (r) => r.name },
      { title: 'Status', cell: (r) => (r.disable ? 'Disabled' : 'Enabled') },
      { title: 'Projects', cell: (r) => projectsOf(r) },
      { title: 'Permissions', cell: (r) => accessOf(r) },
      { title: 'Creation Time', cell: (r) => formatTime(r.creation_time) },
      { title: 'Expires in', cell: (r) => expiresIn(r.expires_at) },
      { title: 'Description', cell: (r) => r.description },
    ],
    load: (paging, name) => systemRobots.list(paging, name),
    label: (r) => r.name,
    filterPlaceholder: 'Filter robot accounts',
    emptyText: 'We could not find any robot accounts!',
    actions: [
      { label: '+ NEW ROBOT ACCOUNT', kind: 'create', run: () => openNewSystemRobotDialog(() => void grid.reload()) },
      { label: 'ENABLE', enabled: (rows) => one(rows) && rows[0].disable, run: (rows) => void setDisabled(rows[0], false, grid) },
      { label: 'DISABLE', enabled: (rows) => one(rows) && !rows[0].disable, run: (rows) => void setDisabled(rows[0], true, grid) },
      { label: 'REFRESH SECRET', enabled: one, run: (rows) => refreshSecret(rows[0]) },
      deleteAction({
        title: 'Confirm robot account deletion',
        what: 'robot account(s)',
        label: (r) => r.name,
        remove: (r) => systemRobots.delete(r.id),
        after: () => void grid.reload(),
      }),
    ],
  });
  append(page, h('h2', { class: 'page-title' }, 'Robot Accounts'), grid.element);
}

/** "All projects" for "*", else the project names. */
function projectsOf(robot: SystemRobot): string {
  const names = robot.permissions.filter((p) => p.kind === 'project').map((p) => p.namespace);
  return names.includes('*') ? 'All projects' : names.join(', ');
}

/** The distinct grants, e.g. "pull repository, push repository". */
function accessOf(robot: SystemRobot): string {
  const grants = new Set(robot.permissions.flatMap((p) => p.access.map((a) => `${a.action} ${a.resource}`)));
  return [...grants].join(', ');
}

async function setDisabled(robot: SystemRobot, disable: boolean, grid: DataGrid): Promise<void> {
  try {
    await systemRobots.setDisabled(robot, disable);
    notify(`${robot.name} is ${disable ? 'disabled' : 'enabled'}`);
  } catch (err) {
    notify(err instanceof Error ? err.message : String(err), 'danger');
  }
  await grid.reload();
}

function refreshSecret(robot: SystemRobot): void {
  const dialog = openDialog({
    title: 'Refresh secret',
    body: [h('p', {}, `Do you want to refresh the secret of ${robot.name}? The old secret stops working at once.`)],
    okLabel: 'REFRESH',
    onOk: async () => {
      const { secret } = await systemRobots.refreshSecret(robot.id);
      void dialog.closed.then(() => showRobotSecret(`Secret of ${robot.name} refreshed`, robot.name, secret));
    },
  });
}
