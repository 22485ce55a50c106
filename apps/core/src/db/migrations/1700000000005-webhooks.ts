import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Harbor's notification_policy: a project's webhook policies. targets is the list of
 * {type, address, auth_header, skip_cert_verify, payload_format}, event_types the subscribed
 * event names; a policy goes with its project. Deliveries are executions of vendor WEBHOOK or
 * SLACK with vendor_id = the policy id (see 1700000000002-jobs).
 */
export class Webhooks1700000000005 implements MigrationInterface {
  name = 'Webhooks1700000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE notification_policy (
      id serial PRIMARY KEY,
      name varchar(256) NOT NULL,
      project_id int NOT NULL REFERENCES project(project_id) ON DELETE CASCADE,
      enabled boolean NOT NULL DEFAULT true,
      description text NOT NULL DEFAULT '',
      targets jsonb NOT NULL DEFAULT '[]',
      event_types jsonb NOT NULL DEFAULT '[]',
      creator varchar(256) NOT NULL DEFAULT '',
      creation_time timestamptz NOT NULL DEFAULT now(),
      update_time timestamptz NOT NULL DEFAULT now(),
      UNIQUE (name, project_id))`);
    await q.query(`CREATE INDEX notification_policy_project ON notification_policy (project_id) WHERE enabled`);
    // The last-trigger lookup: newest delivery of a policy per event type.
    await q.query(`CREATE INDEX execution_webhook_event ON execution (vendor_id, (extra_attrs->>'event_type'), start_time DESC) WHERE vendor_type IN ('WEBHOOK', 'SLACK')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX execution_webhook_event`);
    await q.query(`DROP TABLE notification_policy`);
  }
}
