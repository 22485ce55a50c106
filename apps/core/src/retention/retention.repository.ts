import { Injectable } from '@nestjs/common';
import type { RetentionPolicy } from '@harbor-ts/jobs';
import { DataSource, type EntityManager } from 'typeorm';
import type { PolicyRow } from './retention.view';

const RETENTION_ID = 'retention_id';

/** retention_policy rows and the project metadata `retention_id` that points at them (Harbor's link). */
@Injectable()
export class RetentionRepository {
  constructor(private readonly db: DataSource) {}

  async byId(id: number): Promise<PolicyRow | undefined> {
    const rows: PolicyRow[] = await this.db.query(`SELECT id, scope_level, scope_reference, trigger, data FROM retention_policy WHERE id = $1`, [id]);
    return rows[0];
  }

  async idOfProject(projectId: number): Promise<number | undefined> {
    const rows: { id: number }[] = await this.db.query(`SELECT id FROM retention_policy WHERE scope_reference = $1`, [projectId]);
    return rows[0]?.id;
  }

  /**
   * Inserts the policy and links the project to it, then runs `after` (the schedule) in the
   * same transaction; undefined when the project already has a policy (a concurrent create).
   */
  insert(policy: RetentionPolicy, after: (id: number) => Promise<void>): Promise<number | undefined> {
    return this.db.transaction(async (tx) => {
      const rows: { id: number }[] = await tx.query(
        `INSERT INTO retention_policy (scope_level, scope_reference, trigger, data) VALUES ($1, $2, $3, $4)
         ON CONFLICT (scope_reference) DO NOTHING RETURNING id`,
        [policy.scope.level, policy.scope.ref, JSON.stringify(policy.trigger), JSON.stringify({ algorithm: policy.algorithm, rules: policy.rules })],
      );
      const id = rows[0]?.id;
      if (id === undefined) return undefined;
      await tx.query(
        `INSERT INTO project_metadata (project_id, name, value) VALUES ($1, $2, $3) ON CONFLICT (project_id, name) DO UPDATE SET value = EXCLUDED.value`,
        [policy.scope.ref, RETENTION_ID, String(id)],
      );
      await after(id);
      return id;
    });
  }

  update(id: number, policy: RetentionPolicy, after: () => Promise<void>): Promise<void> {
    return this.db.transaction(async (tx) => {
      await tx.query(`UPDATE retention_policy SET trigger = $2, data = $3, update_time = now() WHERE id = $1`, [
        id, JSON.stringify(policy.trigger), JSON.stringify({ algorithm: policy.algorithm, rules: policy.rules }),
      ]);
      await after();
    });
  }

  /** Removes the policy, the project's link to it and its (finished) executions with their tasks and logs. */
  delete(id: number, projectId: number, after: () => Promise<void>): Promise<void> {
    return this.db.transaction(async (tx: EntityManager) => {
      await tx.query(`DELETE FROM execution WHERE vendor_type = 'RETENTION' AND vendor_id = $1`, [id]);
      await tx.query(`DELETE FROM project_metadata WHERE project_id = $1 AND name = $2 AND value = $3`, [projectId, RETENTION_ID, String(id)]);
      await tx.query(`DELETE FROM retention_policy WHERE id = $1`, [id]);
      await after();
    });
  }

  /** Full names of the project's repositories. */
  async repositoryNames(projectId: number): Promise<string[]> {
    const rows: { name: string }[] = await this.db.query(`SELECT name FROM repository WHERE project_id = $1 ORDER BY name`, [projectId]);
    return rows.map((r) => r.name);
  }
}
