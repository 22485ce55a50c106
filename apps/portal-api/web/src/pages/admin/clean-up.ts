import { link } from '../../router';
import type { SignedIn } from '../../session';
import { append, h } from '../../ui/dom';
import { gcTab } from './gc-tab';
import { purgeTab } from './purge-tab';

// /harbor/clearing-job/{gc,audit-log-purge} (system admins only): Harbor's Clean Up page,
// garbage collection and log rotation, one tab each.

export type CleanUpTab = 'gc' | 'audit-log-purge';

const TABS: readonly { tab: CleanUpTab; label: string; view: (body: HTMLElement) => void }[] = [
  { tab: 'gc', label: 'Garbage Collection', view: gcTab },
  { tab: 'audit-log-purge', label: 'Log Rotation', view: purgeTab },
];

export function cleanUpPage(_who: SignedIn, page: HTMLElement, active: CleanUpTab): void {
  const body = h('div', { class: 'tab-body' });
  const tabs = h('nav', { class: 'tabs', attrs: { 'aria-label': 'Clean up sections' } },
    ...TABS.map((t) => {
      const a = link(`/harbor/clearing-job/${t.tab}`, t.label);
      a.className = t.tab === active ? 'tab active' : 'tab';
      if (t.tab === active) a.setAttribute('aria-current', 'page');
      return a;
    }),
  );
  append(page, h('h2', { class: 'page-title' }, 'Clean Up'), tabs, body);
  TABS.find((t) => t.tab === active)?.view(body);
}
