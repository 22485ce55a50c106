import { auditLogs, systemJob } from '../../api/admin';
import { notify } from '../../shell';
import { append, button, h, replace } from '../../ui/dom';
import { textField } from '../../ui/form';
import { jobHistory } from './job-history';
import { scheduleEditor } from './job-schedule';

// Clean Up > Log Rotation: purge audit logs older than the retention, for the event types
// ticked (core purges none when none are named), now, as a dry run, or on a schedule.

const DEFAULT_RETENTION_HOURS = '720';

export function purgeTab(body: HTMLElement): void {
  const jobs = systemJob('purgeaudit');
  const hours = textField({ label: 'Keep records in (hours)', name: 'audit_retention_hour', type: 'number', value: DEFAULT_RETENTION_HOURS, validate: retentionError });
  const types = h('div', { class: 'field-control checks', attrs: { role: 'group', 'aria-label': 'Included event types' } }, h('span', { class: 'spinner' }, 'Loading…'));
  const included = () => [...types.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value).join(',');
  const parameters = (dryRun = false) => ({ audit_retention_hour: Number(hours.value()), include_event_types: included(), dry_run: dryRun });
  const history = jobHistory('purgeaudit');
  const run = (dryRun: boolean) => {
    const problem = hours.error();
    if (problem) return notify(problem, 'danger');
    for (const b of buttons) b.disabled = true;
    jobs.runNow(parameters(dryRun))
      .then(() => notify(dryRun ? 'Dry run started' : 'Log purge started'), (err: Error) => notify(err.message, 'danger'))
      .finally(() => {
        for (const b of buttons) b.disabled = false;
        void history.reload();
      });
  };
  const buttons = [button('PURGE NOW', () => run(false), { class: 'btn btn-primary' }), button('DRY RUN', () => run(true), { class: 'btn btn-outline' })];
  auditLogs.eventTypes().then(
    (events) => replace(types, ...events.map((e) => eventType(e.event_type))),
    (err: Error) => replace(types, h('span', { class: 'field-error' }, err.message)),
  );
  append(body,
    h('section', { class: 'job-settings' },
      scheduleEditor('purgeaudit', 'Schedule', () => parameters()),
      hours.element,
      h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'Included event types'), types),
      h('div', { class: 'job-buttons' }, ...buttons),
    ),
    h('h3', { class: 'section-title' }, 'Purge History'),
    history.element,
  );
}

function eventType(name: string): HTMLElement {
  const input = h('input', { attrs: { type: 'checkbox', name: 'event_type', value: name } });
  input.checked = true;
  return h('label', { class: 'checkbox' }, input, name);
}

function retentionError(v: string): string | undefined {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? undefined : 'Retention must be a positive number of hours.';
}
