import { type SystemJob, systemJob } from '../../api/admin';
import type { JobSchedule, ScheduleType } from '../../api/admin-types';
import { notify } from '../../shell';
import { button, h, replace } from '../../ui/dom';
import { selectField } from '../../ui/form';
import { formatTime } from '../../ui/format';

// The schedule of a system job as Harbor's Clean Up pages edit it: None, Hourly, Daily,
// Weekly or a custom six-field cron (seconds first). Saving sends the page's current options
// as the parameters every scheduled run gets.

const TYPES: readonly ScheduleType[] = ['None', 'Hourly', 'Daily', 'Weekly', 'Custom'];
/** The crons Harbor's portal sends for the preset types. */
const PRESETS: Readonly<Record<string, string>> = { Hourly: '0 0 * * * *', Daily: '0 0 0 * * *', Weekly: '0 0 0 * * 0' };

export function scheduleEditor(job: SystemJob, label: string, parameters: () => Record<string, unknown>): HTMLElement {
  const api = systemJob(job);
  const type = selectField(label, `${job}_schedule_type`, TYPES.map((t) => ({ value: t, label: t })), 'None');
  const cron = h('input', { attrs: { type: 'text', name: `${job}_cron`, 'aria-label': 'Cron', placeholder: '0 0 0 * * *' } });
  const next = h('div', { class: 'field-hint' });
  const typeChanged = () => {
    const t = type.value();
    cron.disabled = t !== 'Custom';
    if (t !== 'Custom') cron.value = PRESETS[t] ?? '';
  };
  type.select.addEventListener('change', typeChanged);
  const show = (saved: JobSchedule) => {
    const t = saved.schedule?.type;
    type.select.value = t && (TYPES as readonly string[]).includes(t) ? t : 'None';
    typeChanged();
    if (saved.schedule?.cron) cron.value = saved.schedule.cron;
    replace(next, saved.schedule?.next_scheduled_time ? `Next scheduled time: ${formatTime(saved.schedule.next_scheduled_time)}` : '');
  };
  const load = () => api.schedule().then(show, (err: Error) => notify(err.message, 'danger'));
  const save = button('SAVE', () => {
    save.disabled = true;
    api.setSchedule(type.value() as ScheduleType, cron.value.trim(), parameters())
      .then(() => notify('Schedule saved'), (err: Error) => notify(err.message, 'danger'))
      .finally(() => {
        save.disabled = false;
        void load();
      });
  }, { class: 'btn btn-outline btn-sm' });
  // The type, its cron and SAVE on one line, the next run under them.
  type.select.parentElement?.replaceChildren(h('div', { class: 'schedule-row' }, type.select, cron, save), next);
  void load();
  return type.element;
}
