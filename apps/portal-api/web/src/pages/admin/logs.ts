import { auditLogs } from '../../api/admin';
import type { AuditLog } from '../../api/admin-types';
import type { SignedIn } from '../../session';
import { dataGrid } from '../../ui/datagrid';
import { append, h } from '../../ui/dom';
import { AUDIT_LOG_COLUMNS } from '../project-logs';

// /harbor/logs (system admins only): the audit log across all projects, newest first.

export function logsPage(_who: SignedIn, page: HTMLElement): void {
  const grid = dataGrid<AuditLog>({
    columns: AUDIT_LOG_COLUMNS,
    load: (paging, username) => auditLogs.list(paging, username),
    label: (l) => `log ${l.id}`,
    filterPlaceholder: 'Filter by username',
    emptyText: 'We could not find any logs!',
  });
  append(page, h('h2', { class: 'page-title' }, 'Logs'), grid.element);
}
