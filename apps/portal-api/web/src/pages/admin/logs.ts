import { auditLogs } from '../../api/admin';
import type { AuditLog } from '../../api/admin-types';
import type { SignedIn } from '../../session';
import { dataGrid } from '../../ui/datagrid';
import { append, h } from '../../ui/dom';
import { formatTime } from '../../ui/format';

// /harbor/logs (system admins only): the audit log across all projects, newest first.

export function logsPage(_who: SignedIn, page: HTMLElement): void {
  const grid = dataGrid<AuditLog>({
    columns: [
      { title: 'Username', cell: (l) => l.username },
      { title: 'Resource', cell: (l) => l.resource },
      { title: 'Resource Type', cell: (l) => l.resource_type },
      { title: 'Operation', cell: (l) => l.operation },
      { title: 'Timestamp', cell: (l) => formatTime(l.op_time) },
    ],
    load: (paging, username) => auditLogs.list(paging, username),
    label: (l) => `log ${l.id}`,
    filterPlaceholder: 'Filter by username',
    emptyText: 'We could not find any logs!',
  });
  append(page, h('h2', { class: 'page-title' }, 'Logs'), grid.element);
}
