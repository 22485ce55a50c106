import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Harbor's `immutable_tag_rule`: one row per rule, `tag_filter` holding the rule as JSON
 * (priority, action, template, tag_selectors, scope_selectors), `disabled` apart so a toggle
 * does not rewrite it. Rules go with their project. Two rules with the same selectors in one
 * project are a duplicate, whatever their priority or state: the unique index compares the
 * selectors as jsonb, so key order and spacing do not matter and concurrent creates cannot race.
 */
export class ImmutableTagRules1700000000003 implements MigrationInterface {
  name = 'ImmutableTagRules1700000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE immutable_tag_rule (
      id serial PRIMARY KEY,
      project_id int NOT NULL REFERENCES project(project_id) ON DELETE CASCADE,
      tag_filter text NOT NULL CHECK (tag_filter::jsonb ? 'tag_selectors' AND tag_filter::jsonb ? 'scope_selectors'),
      disabled boolean NOT NULL DEFAULT false,
      creation_time timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX immutable_tag_rule_selectors
      ON immutable_tag_rule (project_id, ((tag_filter::jsonb) -> 'tag_selectors'), ((tag_filter::jsonb) -> 'scope_selectors'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS immutable_tag_rule`);
  }
}
