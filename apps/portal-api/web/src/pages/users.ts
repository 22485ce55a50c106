import { users } from '../api/harbor';
import type { User } from '../api/types';
import type { SignedIn } from '../session';
import { notify } from '../shell';
import { type DataGrid, dataGrid } from '../ui/datagrid';
import { append, h } from '../ui/dom';
import { formatTime } from '../ui/format';
import { confirmDeletion } from '../ui/modal';
import { openNewUserDialog } from './user-new';

// /harbor/users (system admins only): local users; create, delete, grant or revoke admin.

export function usersPage(who: SignedIn, page: HTMLElement): void {
  const one = (rows: User[]) => rows.length === 1 && rows[0].user_id !== who.user.user_id;
  const grid: DataGrid = dataGrid<User>({
    columns: [
      { title: 'Name', cell: (u) => u.username },
      { title: 'Administrator', cell: (u) => (u.sysadmin_flag ? 'Yes' : 'No') },
      { title: 'Email', cell: (u) => u.email },
      { title: 'Full Name', cell: (u) => u.realname },
      { title: 'Registration Time', cell: (u) => formatTime(u.creation_time) },
    ],
    load: (paging, name) => users.list(paging, name),
    label: (u) => u.username,
    filterPlaceholder: 'Filter users',
    emptyText: 'We could not find any users!',
    actions: [
      { label: '+ NEW USER', kind: 'create', run: () => openNewUserDialog(() => void grid.reload()) },
      { label: 'SET AS ADMIN', enabled: (rows) => one(rows) && !rows[0].sysadmin_flag, run: (rows) => void setAdmin(rows[0], true, grid) },
      { label: 'REVOKE ADMIN', enabled: (rows) => one(rows) && rows[0].sysadmin_flag, run: (rows) => void setAdmin(rows[0], false, grid) },
      {
        label: 'DELETE',
        kind: 'danger',
        enabled: (rows) => rows.length > 0 && rows.every((u) => u.user_id !== who.user.user_id),
        run: (rows) =>
          confirmDeletion({
            title: 'Confirm user deletion',
            what: 'user(s)',
            items: rows,
            label: (u) => u.username,
            remove: (u) => users.delete(u.user_id),
            done: (allDeleted) => {
              if (allDeleted) notify('Deleted successfully');
              void grid.reload();
            },
          }),
      },
    ],
  });
  append(page, h('h2', { class: 'page-title' }, 'Users'), grid.element);
}

async function setAdmin(user: User, sysadmin: boolean, grid: DataGrid): Promise<void> {
  try {
    await users.setSysAdmin(user.user_id, sysadmin);
    notify(sysadmin ? `${user.username} is now an administrator` : `${user.username} is no longer an administrator`);
  } catch (err) {
    notify(err instanceof Error ? err.message : String(err), 'danger');
  }
  await grid.reload();
}
