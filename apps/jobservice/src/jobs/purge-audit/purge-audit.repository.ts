import type { Pool } from 'pg';

/**
 * The rows a purge selects: older than the cutoff and of one of the event types, Harbor's
 * event type being operation + '_' + resource_type (as core's audit writer names them).
 * The op_time index narrows the scan; the event type is checked per row.
 */
const MATCHES = `op_time < $1 AND (operation || '_' || resource_type) = ANY($2::text[])`;

export class PurgeAuditRepository {
  constructor(private readonly db: Pool) {}

  async count(cutoff: Date, eventTypes: readonly string[]): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log_ext WHERE ${MATCHES}`, [cutoff, eventTypes]);
    return Number(rows[0].n);
  }

  /**
   * Deletes at most `limit` matching rows in one short statement (its own transaction), so a
   * purge of tens of millions of rows never holds locks for long and a stop lands between
   * batches. Returns how many went.
   */
  async deleteBatch(cutoff: Date, eventTypes: readonly string[], limit: number): Promise<number> {
    const result = await this.db.query(
      `DELETE FROM audit_log_ext WHERE id IN (SELECT id FROM audit_log_ext WHERE ${MATCHES} LIMIT $3)`,
      [cutoff, eventTypes, limit],
    );
    return result.rowCount ?? 0;
  }
}
