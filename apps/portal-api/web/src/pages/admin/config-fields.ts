import type { ConfigKey, Configurations } from '../../api/admin-types';
import { h } from '../../ui/dom';
import type { Choice } from '../../ui/form';

// The settings of Harbor's Configuration page that core implements, each drawn as the input
// its type calls for. A setting core marks "editable": false is shown but cannot be changed.

type Value = Configurations[ConfigKey]['value'];

export interface ConfigFieldSpec {
  key: ConfigKey;
  label: string;
  kind: 'bool' | 'int' | 'string' | 'choice';
  choices?: readonly Choice[];
  hint?: string;
}

export interface ConfigField {
  spec: ConfigFieldSpec;
  element: HTMLElement;
  /** The value as typed, or an error message when an integer field holds no integer. */
  read(): { value: Value } | { error: string };
}

let nextId = 0;

export function configField(spec: ConfigFieldSpec, entry: { value: Value; editable: boolean }): ConfigField {
  const id = `config-${spec.key}-${++nextId}`;
  const input = control(spec, entry.value, id);
  input.disabled = !entry.editable;
  const read = (): { value: Value } | { error: string } => {
    if (spec.kind === 'bool') return { value: (input as HTMLInputElement).checked };
    if (spec.kind !== 'int') return { value: input.value.trim() };
    const n = Number(input.value.trim());
    return input.value.trim() !== '' && Number.isSafeInteger(n) ? { value: n } : { error: `${spec.label} must be a whole number.` };
  };
  const element = h('div', { class: 'field' },
    h('label', { attrs: { for: id } }, spec.label),
    h('div', { class: 'field-control' }, input, spec.hint ? h('div', { class: 'field-hint' }, spec.hint) : null),
  );
  return { spec, element, read };
}

function control(spec: ConfigFieldSpec, value: Value, id: string): HTMLInputElement | HTMLSelectElement {
  if (spec.kind === 'choice') {
    const select = h('select', { attrs: { id, name: spec.key } }, ...(spec.choices ?? []).map((c) => h('option', { attrs: { value: c.value } }, c.label)));
    select.value = String(value);
    return select;
  }
  const type = spec.kind === 'bool' ? 'checkbox' : spec.kind === 'int' ? 'number' : 'text';
  const input = h('input', { attrs: { id, name: spec.key, type, autocomplete: 'off' } });
  if (spec.kind === 'bool') input.checked = value === true;
  else input.value = String(value);
  return input;
}

export const AUTH_FIELDS: readonly ConfigFieldSpec[] = [
  { key: 'auth_mode', label: 'Auth Mode', kind: 'choice', choices: [{ value: 'db_auth', label: 'Database' }], hint: 'Only local database users are supported.' },
  { key: 'self_registration', label: 'Allow Self-Registration', kind: 'bool', hint: 'Users may sign themselves up on the sign-in page.' },
];

export const SYSTEM_FIELDS: readonly ConfigFieldSpec[] = [
  { key: 'project_creation_restriction', label: 'Project Creation', kind: 'choice', choices: [{ value: 'everyone', label: 'Everyone' }, { value: 'adminonly', label: 'Admin Only' }] },
  { key: 'read_only', label: 'Repository Read Only', kind: 'bool', hint: 'Pushes, deletions and other changes to repositories are refused.' },
  { key: 'robot_token_duration', label: 'Robot Token Expiration (Days)', kind: 'int' },
  { key: 'robot_name_prefix', label: 'Robot Name Prefix', kind: 'string' },
  { key: 'token_expiration', label: 'Token Expiration (Minutes)', kind: 'int' },
  { key: 'session_timeout', label: 'Session Timeout (Minutes)', kind: 'int' },
  { key: 'quota_per_project_enable', label: 'Per-Project Quotas', kind: 'bool' },
  { key: 'storage_per_project', label: 'Default Project Storage (Bytes)', kind: 'int', hint: '-1 is unlimited.' },
  { key: 'notification_enable', label: 'Webhooks', kind: 'bool', hint: 'When off, no webhook policy fires.' },
  { key: 'audit_log_forward_endpoint', label: 'Audit Log Forward Endpoint', kind: 'string', hint: 'A syslog endpoint (host:port) the audit log is also sent to; empty for none.' },
  { key: 'skip_audit_log_database', label: 'Skip Audit Log Database', kind: 'bool' },
  { key: 'disabled_audit_log_event_types', label: 'Disabled Audit Event Types', kind: 'string', hint: 'Comma-separated, e.g. pull_artifact.' },
];
