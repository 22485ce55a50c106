import { systemJob } from '../../api/admin';
import { notify } from '../../shell';
import { append, button, h } from '../../ui/dom';
import { checkbox } from '../../ui/form';
import { jobHistory } from './job-history';
import { scheduleEditor } from './job-schedule';

// Clean Up > Garbage Collection: run GC now or as a dry run, its schedule, and its history.

export function gcTab(body: HTMLElement): void {
  const api = systemJob('gc');
  const untagged = checkbox('Allow garbage collection on untagged artifacts', 'delete_untagged', false);
  const parameters = (dryRun = false) => ({ delete_untagged: untagged.input.checked, dry_run: dryRun });
  const history = jobHistory('gc');
  const run = (dryRun: boolean) => {
    for (const b of buttons) b.disabled = true;
    api.runNow(parameters(dryRun))
      .then(() => notify(dryRun ? 'Dry run started' : 'Garbage collection started'), (err: Error) => notify(err.message, 'danger'))
      .finally(() => {
        for (const b of buttons) b.disabled = false;
        void history.reload();
      });
  };
  const buttons = [button('GC NOW', () => run(false), { class: 'btn btn-primary' }), button('DRY RUN', () => run(true), { class: 'btn btn-outline' })];
  append(body,
    h('section', { class: 'job-settings' },
      scheduleEditor('gc', 'Schedule', () => parameters()),
      h('div', { class: 'field' }, h('span', { class: 'field-label' }, ''), h('div', { class: 'field-control' }, untagged.element)),
      h('div', { class: 'job-buttons' }, ...buttons),
    ),
    h('h3', { class: 'section-title' }, 'GC History'),
    history.element,
  );
}
