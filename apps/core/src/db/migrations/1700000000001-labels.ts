import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Harbor's labels: `harbor_label` holds global (scope 'g', project_id 0) and project (scope 'p')
 * labels; `harbor_resource_label` attaches them to artifacts (resource_type 'a'). Both foreign
 * keys cascade, so deleting a label detaches it and deleting an artifact drops its attachments.
 */
export class Labels1700000000001 implements MigrationInterface {
  name = 'Labels1700000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE harbor_label (
      id serial PRIMARY KEY, name varchar(128) NOT NULL, description text NOT NULL DEFAULT '',
      color varchar(255) NOT NULL DEFAULT '', level varchar(16) NOT NULL DEFAULT 'user' CHECK (level = 'user'),
      scope char(1) NOT NULL CHECK (scope IN ('g', 'p')), project_id int NOT NULL DEFAULT 0,
      creation_time timestamptz NOT NULL DEFAULT now(), update_time timestamptz NOT NULL DEFAULT now(),
      UNIQUE (name, scope, project_id),
      CHECK ((scope = 'g' AND project_id = 0) OR (scope = 'p' AND project_id > 0)))`);
    await q.query(`CREATE INDEX harbor_label_project ON harbor_label (project_id)`);
    await q.query(`CREATE TABLE harbor_resource_label (
      id serial PRIMARY KEY, label_id int NOT NULL REFERENCES harbor_label(id) ON DELETE CASCADE,
      resource_id int NOT NULL REFERENCES artifact(id) ON DELETE CASCADE,
      resource_type char(1) NOT NULL DEFAULT 'a' CHECK (resource_type = 'a'),
      creation_time timestamptz NOT NULL DEFAULT now(), UNIQUE (label_id, resource_id, resource_type))`);
    // The unique index serves lookups by label; artifact pages look labels up by resource.
    await q.query(`CREATE INDEX harbor_resource_label_resource ON harbor_resource_label (resource_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS harbor_resource_label`);
    await q.query(`DROP TABLE IF EXISTS harbor_label`);
  }
}
