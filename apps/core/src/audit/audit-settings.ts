import type { CoreConfig } from '@harbor-ts/config';
import type { EntityManager } from 'typeorm';
import { CONFIG_ITEMS, type ConfigKey, decode } from '../configurations/configuration-items';
import { parseEventTypeList } from './event-types';

/** What the three audit settings of /configurations say about writing one entry. */
export interface AuditSettings {
  skipDatabase: boolean;
  disabled: ReadonlySet<string>;
  /** host:port, or '' for no forwarding. */
  forwardEndpoint: string;
}

const KEYS = ['skip_audit_log_database', 'disabled_audit_log_event_types', 'audit_log_forward_endpoint'] as const satisfies readonly ConfigKey[];

/**
 * Reads the settings straight from the properties table on every write, inside the caller's
 * transaction when there is one: one indexed query on a tiny table, so a PUT /configurations
 * takes effect for the very next entry on every replica, with no cache to invalidate.
 */
export async function readAuditSettings(db: Pick<EntityManager, 'query'>, config: CoreConfig): Promise<AuditSettings> {
  const rows: { k: string; v: string }[] = await db.query(`SELECT k, v FROM properties WHERE k = ANY($1)`, [KEYS]);
  const raw = new Map(rows.map((r) => [r.k, r.v]));
  const value = (key: (typeof KEYS)[number]) => {
    const stored = raw.get(key);
    return stored === undefined ? CONFIG_ITEMS[key].default(config) : decode(CONFIG_ITEMS[key], stored, config);
  };
  return {
    skipDatabase: value('skip_audit_log_database') === true,
    disabled: new Set(parseEventTypeList(String(value('disabled_audit_log_event_types')))),
    forwardEndpoint: String(value('audit_log_forward_endpoint')).trim(),
  };
}
