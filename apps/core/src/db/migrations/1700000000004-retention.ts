import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Harbor's tag retention: `retention_policy` holds one policy per project (scope_level
 * 'project', scope_reference the project id); `trigger` is the RetentionRuleTrigger and `data`
 * holds the algorithm and the rules. As in Harbor, the project points at its policy through the
 * project metadata `retention_id`. Executions and tasks are the shared job tables (vendor
 * RETENTION, vendor_id the policy id). Dropping the project drops its policy.
 */
export class Retention1700000000004 implements MigrationInterface {
  name = 'Retention1700000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE retention_policy (
      id serial PRIMARY KEY,
      scope_level varchar(20) NOT NULL DEFAULT 'project' CHECK (scope_level = 'project'),
      scope_reference int NOT NULL UNIQUE REFERENCES project(project_id) ON DELETE CASCADE,
      trigger jsonb NOT NULL,
      data jsonb NOT NULL,
      create_time timestamptz NOT NULL DEFAULT now(),
      update_time timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM project_metadata WHERE name = 'retention_id'`);
    await q.query(`DROP TABLE IF EXISTS retention_policy`);
  }
}
