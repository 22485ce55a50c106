import type { CoreConfig } from '@harbor-ts/config';
import { checkEventTypeList } from '../audit/event-types';
import { checkForwardEndpoint } from '../audit/syslog-line';

// The system settings of /api/v2.0/configurations that this core implements, with Harbor's key
// names, value types and defaults (src/lib/config/metadata/metadatalist.go). Values are kept as
// strings in the properties table; a key without a row has its default.

export interface ConfigValues {
  auth_mode: string;
  self_registration: boolean;
  project_creation_restriction: string;
  token_expiration: number;
  robot_token_duration: number;
  robot_name_prefix: string;
  read_only: boolean;
  quota_per_project_enable: boolean;
  storage_per_project: number;
  session_timeout: number;
  skip_audit_log_database: boolean;
  disabled_audit_log_event_types: string;
  audit_log_forward_endpoint: string;
  notification_enable: boolean;
}

export type ConfigKey = keyof ConfigValues;
type Value = ConfigValues[ConfigKey];

export interface ConfigItem {
  type: 'bool' | 'int' | 'string';
  default: (config: CoreConfig) => Value;
  /** false: shown with "editable": false, and a PUT may only repeat the current value. */
  editable: boolean;
  /** A reason the (type-checked) value is not acceptable, or undefined. */
  check?: (value: Value) => string | undefined;
}

const positive = (v: Value) => ((v as number) > 0 ? undefined : 'must be a positive integer');

export const CONFIG_ITEMS: Readonly<Record<ConfigKey, ConfigItem>> = {
  // Only local database users exist here; LDAP, OIDC, UAA and auth proxy are not built.
  auth_mode: { type: 'string', default: () => 'db_auth', editable: false },
  self_registration: { type: 'bool', default: () => false, editable: true },
  project_creation_restriction: {
    type: 'string',
    default: () => 'everyone',
    editable: true,
    check: (v) => (v === 'everyone' || v === 'adminonly' ? undefined : 'must be "everyone" or "adminonly"'),
  },
  token_expiration: { type: 'int', default: (c) => c.token.expirationMinutes, editable: true, check: positive },
  robot_token_duration: { type: 'int', default: () => 30, editable: true, check: positive },
  robot_name_prefix: { type: 'string', default: () => 'robot$', editable: false },
  read_only: { type: 'bool', default: () => false, editable: true },
  quota_per_project_enable: { type: 'bool', default: () => true, editable: true },
  // Bytes; -1 is unlimited (Harbor's quota type).
  storage_per_project: {
    type: 'int',
    default: () => -1,
    editable: true,
    check: (v) => ((v as number) >= -1 ? undefined : 'must be -1 (unlimited) or a size in bytes'),
  },
  session_timeout: { type: 'int', default: (c) => c.sessionTimeoutMinutes, editable: true, check: positive },
  // Audit log: rows not written to the database (forwarding still happens), event types not
  // recorded at all (Harbor's comma-separated list), and the syslog endpoint (host:port, TCP).
  skip_audit_log_database: { type: 'bool', default: () => false, editable: true },
  disabled_audit_log_event_types: { type: 'string', default: () => '', editable: true, check: (v) => checkEventTypeList(v as string) },
  audit_log_forward_endpoint: { type: 'string', default: () => '', editable: true, check: (v) => checkForwardEndpoint(v as string) },
  // Off: no webhook policy fires (policies stay as they are).
  notification_enable: { type: 'bool', default: () => true, editable: true },
};

export const CONFIG_KEYS = Object.keys(CONFIG_ITEMS) as ConfigKey[];

export function isConfigKey(key: string): key is ConfigKey {
  return Object.prototype.hasOwnProperty.call(CONFIG_ITEMS, key);
}

/** The stored string back to its typed value; a corrupt row falls back to the default. */
export function decode(item: ConfigItem, raw: string, config: CoreConfig): Value {
  if (item.type === 'bool') return raw === 'true';
  if (item.type === 'int') {
    const n = Number(raw);
    return Number.isSafeInteger(n) ? n : item.default(config);
  }
  return raw;
}

export function encode(value: Value): string {
  return String(value);
}

/** A JSON value from a PUT body checked against the item's type and rule; returns the error text. */
export function validate(key: ConfigKey, value: unknown): string | undefined {
  const item = CONFIG_ITEMS[key];
  const typeOk =
    (item.type === 'bool' && typeof value === 'boolean') ||
    (item.type === 'int' && typeof value === 'number' && Number.isSafeInteger(value)) ||
    (item.type === 'string' && typeof value === 'string');
  if (!typeOk) return `the value of "${key}" must be ${item.type === 'bool' ? 'a boolean' : item.type === 'int' ? 'an integer' : 'a string'}`;
  const problem = item.check?.(value as Value);
  return problem ? `the value of "${key}" ${problem}` : undefined;
}
