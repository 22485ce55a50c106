import { Injectable } from '@nestjs/common';
import { toSql } from '@harbor-ts/api-query';
import { DataSource } from 'typeorm';
import type { ListRequest } from '../projects/list-query';
import type { PolicyInput } from './webhook-policy.dto';
import { POLICY_COLUMNS_SQL, type PolicyRow } from './webhook-policy.view';

const MAX_ID = 2_147_483_647;

/** q keys of GET .../webhook/policies mapped to columns. */
export const POLICY_COLUMNS = { id: 'w.id', name: 'w.name', enabled: 'w.enabled', creator: 'w.creator', description: 'w.description' };

/** notification_policy SQL, one query per method. */
@Injectable()
export class WebhookPoliciesRepository {
  constructor(private readonly db: DataSource) {}

  async page(projectId: number, list: ListRequest): Promise<{ rows: PolicyRow[]; total: number }> {
    const q = toSql(list.query, POLICY_COLUMNS, 2);
    const where = `WHERE w.project_id = $1 AND ${q.where}`;
    const params = [projectId, ...q.params];
    const [rows, counted] = await Promise.all([
      this.db.query(`SELECT ${POLICY_COLUMNS_SQL} FROM notification_policy w ${where} ${list.orderBy} LIMIT ${list.paging.limit} OFFSET ${list.paging.offset}`, params) as Promise<PolicyRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM notification_policy w ${where}`, params) as Promise<{ total: number }[]>,
    ]);
    return { rows, total: counted[0].total };
  }

  async byId(id: number): Promise<PolicyRow | undefined> {
    if (id > MAX_ID) return undefined;
    const rows: PolicyRow[] = await this.db.query(`SELECT ${POLICY_COLUMNS_SQL} FROM notification_policy w WHERE w.id = $1`, [id]);
    return rows[0];
  }

  async ofProject(projectId: number): Promise<PolicyRow[]> {
    return this.db.query(`SELECT ${POLICY_COLUMNS_SQL} FROM notification_policy w WHERE w.project_id = $1 ORDER BY w.id`, [projectId]);
  }

  /** Enabled policies of the project, for event dispatch. */
  async enabledOf(projectId: number): Promise<PolicyRow[]> {
    return this.db.query(`SELECT ${POLICY_COLUMNS_SQL} FROM notification_policy w WHERE w.project_id = $1 AND w.enabled ORDER BY w.id`, [projectId]);
  }

  /** The new id, or undefined when the project already has a policy of that name. */
  async create(projectId: number, p: PolicyInput, creator: string): Promise<number | undefined> {
    const rows: { id: number }[] = await this.db.query(
      `INSERT INTO notification_policy (name, project_id, enabled, description, targets, event_types, creator) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (name, project_id) DO NOTHING RETURNING id`,
      [p.name, projectId, p.enabled, p.description, JSON.stringify(p.targets), JSON.stringify(p.eventTypes), creator],
    );
    return rows[0]?.id;
  }

  /** False when the new name is taken in the project. */
  async update(id: number, p: PolicyInput): Promise<boolean> {
    try {
      await this.db.query(
        `UPDATE notification_policy SET name = $2, enabled = $3, description = $4, targets = $5, event_types = $6, update_time = now() WHERE id = $1`,
        [id, p.name, p.enabled, p.description, JSON.stringify(p.targets), JSON.stringify(p.eventTypes)],
      );
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === '23505') return false;
      throw err;
    }
  }

  async delete(id: number): Promise<void> {
    await this.db.query(`DELETE FROM notification_policy WHERE id = $1`, [id]);
  }

  /** Start of the newest delivery per (policy, event type); event_type is on the execution. */
  async lastTriggers(policyIds: readonly number[]): Promise<{ policy_id: number; event_type: string; at: Date }[]> {
    if (policyIds.length === 0) return [];
    return this.db.query(
      `SELECT vendor_id AS policy_id, extra_attrs->>'event_type' AS event_type, max(start_time) AS at FROM execution
       WHERE vendor_type IN ('WEBHOOK', 'SLACK') AND vendor_id = ANY($1::int[]) GROUP BY 1, 2`,
      [policyIds],
    );
  }

  /** Task counts per status of each execution (Harbor's execution metrics). */
  async taskCounts(executionIds: readonly number[]): Promise<{ execution_id: number; status: string; n: number }[]> {
    if (executionIds.length === 0) return [];
    return this.db.query(`SELECT execution_id, status, count(*)::int AS n FROM task WHERE execution_id = ANY($1::int[]) GROUP BY 1, 2`, [executionIds]);
  }
}
