import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { LOGGER } from '../tokens';

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
}

/** Writes audit_log_ext rows, inside the caller's transaction when given one. */
@Injectable()
export class AuditLogWriter {
  constructor(private readonly db: DataSource, @Inject(LOGGER) private readonly log: Logger) {}

  async write(entry: AuditEntry, tx?: EntityManager): Promise<void> {
    const description = entry.description ?? `${entry.operation} ${entry.resourceType} ${entry.resource}`;
    await (tx ?? this.db).query(
      `INSERT INTO audit_log_ext (project_id, operation, operation_description, operation_result, resource_type, resource, username)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [entry.projectId ?? 0, entry.operation, description, entry.success ?? true, entry.resourceType, entry.resource, entry.username],
    );
  }

  /** For hot paths (pulls): never fails the request; a lost row is logged. */
  writeInBackground(entry: AuditEntry): void {
    this.write(entry).catch((err: unknown) => this.log.warn({ err, entry }, 'audit log write failed'));
  }
}
