import { AUDIT_OPERATIONS, type AuditLog, auditLogs } from '../api/project-settings';
import type { Project } from '../api/types';
import type { ProjectPermissions } from '../permissions';
import type { SignedIn } from '../session';
import { type Column, dataGrid } from '../ui/datagrid';
import { h } from '../ui/dom';
import { formatTime } from '../ui/format';

// The Logs tab: the project's audit log, newest first, page by page, filtered by operation
// (Harbor's q=operation=...) and by username.

/** The audit log's columns, here and on the system-wide Logs page. */
export const AUDIT_LOG_COLUMNS: Column<AuditLog>[] = [
  { title: 'Username', cell: (l) => l.username },
  { title: 'Resource', cell: (l) => l.resource },
  { title: 'Resource Type', cell: (l) => l.resource_type },
  { title: 'Operation', cell: (l) => l.operation },
  { title: 'Timestamp', cell: (l) => formatTime(l.op_time) },
];

export function logsTab(_who: SignedIn, project: Project, body: HTMLElement, _permissions: ProjectPermissions): void {
  const operation = h('select', { class: 'log-operation', attrs: { 'aria-label': 'Operation' } },
    h('option', { attrs: { value: '' } }, 'All Operations'),
    ...AUDIT_OPERATIONS.map((op) => h('option', { attrs: { value: op } }, op[0].toUpperCase() + op.slice(1))));
  const grid = dataGrid<AuditLog>({
    columns: AUDIT_LOG_COLUMNS,
    load: (paging, username) => auditLogs.list(project.name, paging, { operation: operation.value, username }),
    label: (l) => `${l.operation} ${l.resource}`,
    filterPlaceholder: 'Filter by username',
    emptyText: 'We could not find any logs!',
  });
  operation.addEventListener('change', () => void grid.reload());
  grid.element.querySelector('.grid-toolbar')?.prepend(operation);
  body.append(grid.element);
}
