import { configurations } from '../../api/admin';
import type { ConfigChanges, Configurations } from '../../api/admin-types';
import type { SignedIn } from '../../session';
import { notify } from '../../shell';
import { append, button, h, replace } from '../../ui/dom';
import { AUTH_FIELDS, type ConfigField, type ConfigFieldSpec, SYSTEM_FIELDS, configField } from './config-fields';

// /harbor/configs (system admins only): Harbor's Configuration page, Authentication and
// System Settings. SAVE sends only what changed; the server checks it and its refusal is shown.

export function configsPage(who: SignedIn, page: HTMLElement): void {
  const body = h('div', { class: 'config-page' }, h('div', { class: 'spinner', attrs: { role: 'status' } }, 'Loading…'));
  append(page, h('h2', { class: 'page-title' }, 'Configuration'), body);
  const load = () =>
    configurations.get().then(
      (current) => {
        if (body.isConnected) replace(body, ...form(who, current, load));
      },
      (err: Error) => replace(body, h('div', { class: 'alert alert-danger', attrs: { role: 'alert' } }, err.message)),
    );
  void load();
}

function form(who: SignedIn, current: Configurations, reload: () => void): HTMLElement[] {
  const section = (title: string, specs: readonly ConfigFieldSpec[]) => {
    const fields = specs.map((s) => configField(s, current[s.key]));
    return { fields, element: h('section', { class: 'config-section', attrs: { 'aria-label': title } }, h('h3', { class: 'section-title' }, title), ...fields.map((f) => f.element)) };
  };
  const auth = section('Authentication', AUTH_FIELDS);
  const system = section('System Settings', SYSTEM_FIELDS);
  const fields = [...auth.fields, ...system.fields];
  const save = button('SAVE', () => void submit(), { class: 'btn btn-primary' });
  const cancel = button('CANCEL', reload, { class: 'btn btn-outline' });
  async function submit(): Promise<void> {
    const changes = changed(fields, current);
    if ('error' in changes) return notify(changes.error, 'danger');
    if (Object.keys(changes.values).length === 0) return notify('Nothing has changed.');
    save.disabled = true;
    try {
      await configurations.update(changes.values);
      // The shell's copy of systeminfo decides whether New Project shows.
      if (changes.values.project_creation_restriction !== undefined) who.info.project_creation_restriction = changes.values.project_creation_restriction;
      notify('Configuration has been successfully saved.');
      reload();
    } catch (err) {
      notify(err instanceof Error ? err.message : String(err), 'danger');
      save.disabled = false;
    }
  }
  return [auth.element, system.element, h('div', { class: 'config-buttons' }, save, cancel)];
}

/** The editable settings whose inputs differ from what the server has. */
function changed(fields: readonly ConfigField[], current: Configurations): { values: ConfigChanges } | { error: string } {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const entry = current[field.spec.key];
    if (!entry.editable) continue;
    const read = field.read();
    if ('error' in read) return read;
    if (read.value !== entry.value) values[field.spec.key] = read.value;
  }
  return { values: values as ConfigChanges };
}
