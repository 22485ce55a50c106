import { members } from '../api/harbor';
import { type Member, PROJECT_ROLES, type Project, roleLabel } from '../api/types';
import { endProjectVisit, type ProjectPermissions } from '../permissions';
import type { SignedIn } from '../session';
import { notify } from '../shell';
import { type DataGrid, dataGrid } from '../ui/datagrid';
import { append } from '../ui/dom';
import { allValid, radioGroup, selectField, textField } from '../ui/form';
import { openDialog } from '../ui/modal';
import { deleteAction } from './delete-action';

// The Members tab: who has which role in the project; add a user, change roles, remove
// (each only for those allowed to: Harbor gives member create/update/delete to project admins).

const ROLE_CHOICES = PROJECT_ROLES.map((r) => ({ value: String(r.id), label: r.label }));

export function membersTab(_who: SignedIn, project: Project, body: HTMLElement, permissions: ProjectPermissions): void {
  // A change may concern the user's own role: the project's next page asks for permissions again.
  const changed = () => {
    endProjectVisit();
    void grid.reload();
  };
  const grid: DataGrid = dataGrid<Member>({
    columns: [
      { title: 'Name', cell: (m) => m.entity_name },
      { title: 'Member Type', cell: (m) => (m.entity_type === 'g' ? 'Group' : 'User') },
      { title: 'Role', cell: (m) => roleLabel(m.role_id) },
    ],
    load: (paging, name) => members.list(project.project_id, paging, name),
    label: (m) => m.entity_name,
    filterPlaceholder: 'Filter members',
    emptyText: 'We could not find any members!',
    actions: [
      { label: '+ USER', kind: 'create', visible: permissions.can('member', 'create'), run: () => addMember(project, changed) },
      { label: 'SET ROLE', visible: permissions.can('member', 'update'), enabled: (rows) => rows.length > 0, run: (rows) => changeRole(project, rows, changed) },
      deleteAction({
        title: 'Confirm removal of project members',
        what: 'project member(s)',
        label: (m) => m.entity_name,
        remove: (m) => members.remove(project.project_id, m.id),
        after: () => changed(),
        visible: permissions.can('member', 'delete'),
        button: 'REMOVE',
        notice: 'Removed successfully',
      }),
    ],
  });
  append(body, grid.element);
}

function addMember(project: Project, added: () => void): void {
  const username = textField({ label: 'Name', name: 'member_name', validate: (v) => (v.trim() ? undefined : 'Username is required.') });
  const role = radioGroup('Role', 'member_role', ROLE_CHOICES, '2');
  openDialog({
    title: 'New Member',
    body: [username.element, role.element],
    valid: () => allValid([username]),
    onOk: async () => {
      await members.add(project.project_id, username.value(), Number(role.value()));
      notify(`Added member ${username.value()} successfully`);
      added();
    },
  });
}

function changeRole(project: Project, chosen: Member[], changed: () => void): void {
  const current = chosen.length === 1 ? String(chosen[0].role_id) : '2';
  const role = selectField('Role', 'member_new_role', ROLE_CHOICES, current);
  openDialog({
    title: `Set role of ${chosen.map((m) => m.entity_name).join(', ')}`,
    body: [role.element],
    onOk: async () => {
      try {
        for (const m of chosen) await members.setRole(project.project_id, m.id, Number(role.value()));
      } finally {
        changed();
      }
      notify('Role changed successfully');
    },
  });
}
