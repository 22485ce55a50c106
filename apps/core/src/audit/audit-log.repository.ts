import { Injectable } from '@nestjs/common';
import { type Paging, type Query, parseSort, toSql } from '@harbor-ts/api-query';
import { DataSource } from 'typeorm';

/** Which rows a caller may list: all of them, or those of some projects (possibly none). */
export type AuditScope = { kind: 'all' } | { kind: 'projects'; ids: number[] };

export interface AuditRow {
  id: string;
  project_id: number;
  operation: string;
  operation_description: string;
  operation_result: boolean;
  resource_type: string;
  resource: string;
  username: string;
  op_time: Date;
}

// Times in q are UTC wall-clock strings ("2020-04-09 02:36:00"); compare them to op_time in UTC
// so the session time zone cannot shift the range.
const COLUMNS = {
  username: 'a.username',
  operation: 'a.operation',
  resource: 'a.resource',
  resource_type: 'a.resource_type',
  op_time: "(a.op_time AT TIME ZONE 'UTC')",
} as const;

const SORTS = { id: 'a.id', op_time: 'a.op_time', username: 'a.username', operation: 'a.operation', resource: 'a.resource', resource_type: 'a.resource_type' };

/** The q= keys audit-log lists accept. */
export const AUDIT_QUERY_FIELDS = {
  username: { type: 'string' },
  operation: { type: 'string' },
  resource: { type: 'string' },
  resource_type: { type: 'string' },
  op_time: { type: 'time' },
} as const;

@Injectable()
export class AuditLogRepository {
  constructor(private readonly db: DataSource) {}

  /** One page of rows and the total, newest first unless sort says otherwise. */
  async list(scope: AuditScope, query: Query, sort: string | undefined, paging: Paging): Promise<{ rows: AuditRow[]; total: number }> {
    const scoped = scope.kind === 'all' ? { where: 'TRUE', params: [] as unknown[] } : { where: 'a.project_id = ANY($1)', params: [scope.ids] };
    const filter = toSql(query, COLUMNS, scoped.params.length + 1);
    const where = `${scoped.where} AND ${filter.where}`;
    const params = [...scoped.params, ...filter.params];
    // The id tie-break keeps pages stable when several rows share a timestamp.
    const order = `${parseSort(sort, SORTS, { fallback: '-op_time' })}, a.id DESC`;
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM audit_log_ext a WHERE ${where}`, params);
    const n = params.length;
    const rows: AuditRow[] = await this.db.query(
      `SELECT a.* FROM audit_log_ext a WHERE ${where} ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, paging.limit, paging.offset],
    );
    return { rows, total };
  }
}

/** A user's direct project memberships, for deciding whose logs they may read. */
@Injectable()
export class MembershipRepository {
  constructor(private readonly db: DataSource) {}

  roles(userId: number): Promise<{ project_id: number; role: number }[]> {
    return this.db.query(`SELECT project_id, role FROM project_member WHERE entity_type = 'u' AND entity_id = $1`, [userId]);
  }
}
