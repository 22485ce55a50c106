import type { Project } from '../api/types';
import { type WebhookExecution, type WebhookPolicy, webhooks } from '../api/webhooks';
import type { ProjectPermissions } from '../permissions';
import type { SignedIn } from '../session';
import { notify } from '../shell';
import { type DataGrid, dataGrid } from '../ui/datagrid';
import { append, h, replace } from '../ui/dom';
import { allValid, checkbox, textField } from '../ui/form';
import { formatTime } from '../ui/format';
import { openDialog } from '../ui/modal';
import { deleteAction } from './delete-action';

// The Webhooks tab: the project's webhook policies (an HTTP endpoint and the events it gets),
// add, enable/disable, delete for project admins, and the last deliveries of a policy.

export function webhooksTab(_who: SignedIn, project: Project, body: HTMLElement, permissions: ProjectPermissions): void {
  const reload = () => void grid.reload();
  const grid: DataGrid = dataGrid<WebhookPolicy>({
    columns: [
      { title: 'Name', cell: (w) => w.name },
      { title: 'Enabled', cell: (w) => (w.enabled ? 'Enabled' : 'Disabled') },
      { title: 'Notify Type', cell: (w) => w.targets[0]?.type ?? '' },
      { title: 'Endpoint URL', cell: (w) => w.targets[0]?.address ?? '' },
      { title: 'Event Types', cell: (w) => h('span', { class: 'tags' }, ...w.event_types.map((e) => h('span', { class: 'label' }, e))) },
      { title: 'Creator', cell: (w) => w.creator ?? '' },
      { title: 'Creation Time', cell: (w) => formatTime(w.creation_time) },
    ],
    load: (paging) => webhooks.list(project.project_id, paging),
    label: (w) => w.name,
    emptyText: 'We could not find any webhooks!',
    actions: [
      { label: '+ NEW WEBHOOK', kind: 'create', visible: permissions.can('notification-policy', 'create'), run: () => void newWebhook(project, reload) },
      { label: 'ENABLE', visible: permissions.can('notification-policy', 'update'), enabled: (rows) => rows.some((w) => !w.enabled), run: (rows) => void setEnabled(rows, true).finally(reload) },
      { label: 'DISABLE', visible: permissions.can('notification-policy', 'update'), enabled: (rows) => rows.some((w) => w.enabled), run: (rows) => void setEnabled(rows, false).finally(reload) },
      { label: 'EXECUTIONS', visible: permissions.can('notification-policy', 'read'), enabled: (rows) => rows.length === 1, run: (rows) => showExecutions(rows[0]) },
      deleteAction({
        title: 'Confirm webhook deletion',
        what: 'webhook(s)',
        label: (w) => w.name,
        remove: (w) => webhooks.delete(w),
        after: () => reload(),
        visible: permissions.can('notification-policy', 'delete'),
      }),
    ],
  });
  append(body, grid.element);
}

async function setEnabled(rows: WebhookPolicy[], enabled: boolean): Promise<void> {
  try {
    for (const w of rows) if (w.enabled !== enabled) await webhooks.setEnabled(w, enabled);
    notify(enabled ? 'Enabled successfully' : 'Disabled successfully');
  } catch (err) {
    notify(err instanceof Error ? err.message : String(err), 'danger');
  }
}

async function newWebhook(project: Project, created: () => void): Promise<void> {
  let eventTypes: string[];
  try {
    eventTypes = await webhooks.eventTypes(project.project_id);
  } catch (err) {
    return notify(err instanceof Error ? err.message : String(err), 'danger');
  }
  const name = textField({ label: 'Name', name: 'webhook_name', validate: (v) => (v.trim() ? undefined : 'Name is required.') });
  const description = textField({ label: 'Description', name: 'webhook_description' });
  const address = textField({ label: 'Endpoint URL', name: 'webhook_address', placeholder: 'http(s)://192.168.1.1', validate: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? undefined : 'Endpoint URL must start with http:// or https://.') });
  const auth = textField({ label: 'Auth Header', name: 'webhook_auth', hint: 'Sent as the Authorization header of each delivery.' });
  const skip = checkbox('Verify Remote Certificate', 'webhook_verify_cert', true);
  const events = eventTypes.map((e) => ({ type: e, box: checkbox(e, `event_${e}`, true) }));
  const chosen = () => events.filter((e) => e.box.input.checked).map((e) => e.type);
  openDialog({
    title: 'Add Webhook',
    body: [
      name.element, description.element,
      h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Event Type'), h('div', { class: 'field-control checks event-types', attrs: { role: 'group', 'aria-label': 'Event Type' } }, ...events.map((e) => e.box.element))),
      address.element, auth.element,
      h('div', { class: 'field' }, h('span', { class: 'field-label' }, ''), h('div', { class: 'field-control' }, skip.element)),
    ],
    valid: () => allValid([name, address]) && chosen().length > 0,
    onOk: async () => {
      await webhooks.create(project.project_id, {
        name: name.value(), description: description.value(), address: address.value(), authHeader: auth.value(), skipCertVerify: !skip.input.checked, eventTypes: chosen(),
      });
      notify(`Added webhook ${name.value()} successfully`);
      created();
    },
  });
}

/** The policy's newest deliveries, one row per event sent. */
function showExecutions(policy: WebhookPolicy): void {
  const table = h('div', { class: 'executions' }, h('div', { class: 'spinner', attrs: { role: 'status' } }, 'Loading…'));
  openDialog({ title: `Executions of ${policy.name}`, infoOnly: true, body: [table] });
  webhooks.executions(policy, { page: 1, pageSize: 10 }).then(
    ({ items, total }) => replace(table, executionTable(items), h('div', { class: 'field-hint' }, `${items.length} of ${total} executions, newest first`)),
    (err: Error) => replace(table, h('div', { class: 'alert alert-danger', attrs: { role: 'alert' } }, err.message)),
  );
}

function executionTable(items: WebhookExecution[]): HTMLElement {
  const head = h('thead', {}, h('tr', {}, ...['ID', 'Event Type', 'Status', 'Start Time'].map((t) => h('th', {}, t))));
  const rows = items.length === 0
    ? [h('tr', { class: 'empty' }, h('td', { attrs: { colspan: '4' } }, 'No deliveries yet.'))]
    : items.map((e) => h('tr', {}, h('td', {}, e.id), h('td', {}, e.extra_attrs?.event_type ?? ''), h('td', {}, e.status), h('td', {}, formatTime(e.start_time))));
  return h('div', { class: 'grid-scroll' }, h('table', { class: 'grid-table' }, head, h('tbody', {}, ...rows)));
}
