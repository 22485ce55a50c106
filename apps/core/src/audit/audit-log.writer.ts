import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { CORE_CONFIG, LOGGER } from '../tokens';
import { readAuditSettings } from './audit-settings';
import { eventTypeOf } from './event-types';
import { SyslogForwarder } from './syslog-forwarder';
import { syslogLine } from './syslog-line';

/** One audited operation, with Harbor's operation and resource_type names. */
export interface AuditEntry {
  projectId?: number;
  /** create, delete, pull, update, login, logout */
  operation: string;
  /** artifact, project, repository, user, robot, member, configuration */
  resourceType: string;
  resource: string;
  username: string;
  description?: string;
  success?: boolean;
  /** When it happened; now when absent. */
  at?: Date;
}

/**
 * Writes audit_log_ext rows, inside the caller's transaction when given one, as the settings
 * say: event types listed in disabled_audit_log_event_types are not recorded at all;
 * skip_audit_log_database leaves the table alone; audit_log_forward_endpoint sends each entry
 * to syslog as well. Forwarding happens when the entry is written, so an entry whose
 * transaction later rolls back has already been forwarded (the audited operations write their
 * entry last, just before the commit).
 */
@Injectable()
export class AuditLogWriter implements OnModuleDestroy {
  private readonly forwarder: SyslogForwarder;

  constructor(private readonly db: DataSource, @Inject(LOGGER) private readonly log: Logger, @Inject(CORE_CONFIG) private readonly config: CoreConfig) {
    this.forwarder = new SyslogForwarder(log);
  }

  write(entry: AuditEntry, tx?: EntityManager): Promise<void> {
    return this.writeMany([entry], tx);
  }

  /** Several entries in one statement (pull bookkeeping writes a batch per transaction). */
  async writeMany(entries: readonly AuditEntry[], tx?: EntityManager): Promise<void> {
    const db = tx ?? this.db;
    const settings = await readAuditSettings(db, this.config);
    const kept = entries.filter((e) => !settings.disabled.has(eventTypeOf(e.operation, e.resourceType))).map(complete);
    if (kept.length === 0) return;
    if (!settings.skipDatabase) await insert(db, kept);
    if (settings.forwardEndpoint !== '') for (const e of kept) this.forwarder.send(settings.forwardEndpoint, syslogLine({ ...e, time: e.time ?? new Date() }));
  }

  /** For hot paths (pulls): never fails the request; a lost row is logged. */
  writeInBackground(entry: AuditEntry): void {
    this.write(entry).catch((err: unknown) => this.log.warn({ err, entry }, 'audit log write failed'));
  }

  onModuleDestroy(): Promise<void> {
    return this.forwarder.close();
  }
}

interface CompleteEntry {
  projectId: number;
  operation: string;
  resourceType: string;
  resource: string;
  operator: string;
  description: string;
  success: boolean;
  /** Absent: the database's now(), as for every other row the transaction writes. */
  time?: Date;
}

function complete(e: AuditEntry): CompleteEntry {
  return {
    projectId: e.projectId ?? 0,
    operation: e.operation,
    resourceType: e.resourceType,
    resource: e.resource,
    operator: e.username,
    description: e.description ?? `${e.operation} ${e.resourceType} ${e.resource}`,
    success: e.success ?? true,
    time: e.at,
  };
}

async function insert(db: Pick<EntityManager, 'query'>, rows: readonly CompleteEntry[]): Promise<void> {
  await db.query(
    `INSERT INTO audit_log_ext (project_id, operation, operation_description, operation_result, resource_type, resource, username, op_time)
     SELECT pid, op, descr, ok, rtype, res, who, COALESCE(at, now())
     FROM unnest($1::int[], $2::varchar[], $3::text[], $4::boolean[], $5::varchar[], $6::varchar[], $7::varchar[], $8::timestamptz[])
       AS u(pid, op, descr, ok, rtype, res, who, at)`,
    [
      rows.map((r) => r.projectId), rows.map((r) => r.operation), rows.map((r) => r.description), rows.map((r) => r.success),
      rows.map((r) => r.resourceType), rows.map((r) => r.resource), rows.map((r) => r.operator), rows.map((r) => r.time ?? null),
    ],
  );
}
