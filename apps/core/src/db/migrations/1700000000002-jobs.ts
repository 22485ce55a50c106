import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Background jobs, shared by core (creates executions, serves history and logs) and jobservice
 * (runs tasks and records their status). Harbor's model: an `execution` of a vendor (GC, a
 * retention policy, a webhook policy...) has one or more `task`s, each one BullMQ job;
 * `job_log` holds each task's log lines (job_loggers DB, readable by every service);
 * `schedule` is the cron of a vendor, mirrored into BullMQ job schedulers by jobservice.
 * vendor_id is -1 for system-wide vendors (GC, audit purge).
 */
export class Jobs1700000000002 implements MigrationInterface {
  name = 'Jobs1700000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE execution (
      id serial PRIMARY KEY,
      vendor_type varchar(64) NOT NULL,
      vendor_id int NOT NULL DEFAULT -1,
      status varchar(16) NOT NULL DEFAULT 'Pending',
      status_message text NOT NULL DEFAULT '',
      trigger varchar(16) NOT NULL,
      extra_attrs jsonb NOT NULL DEFAULT '{}',
      start_time timestamptz NOT NULL DEFAULT now(),
      end_time timestamptz,
      update_time timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX execution_vendor ON execution (vendor_type, vendor_id, id DESC)`);
    await q.query(`CREATE TABLE task (
      id serial PRIMARY KEY,
      execution_id int NOT NULL REFERENCES execution(id) ON DELETE CASCADE,
      vendor_type varchar(64) NOT NULL,
      job_id varchar(64),
      status varchar(16) NOT NULL DEFAULT 'Pending',
      status_code int NOT NULL DEFAULT 0,
      status_message text NOT NULL DEFAULT '',
      run_count int NOT NULL DEFAULT 0,
      progress_done bigint NOT NULL DEFAULT 0,
      progress_total bigint,
      stop_requested boolean NOT NULL DEFAULT false,
      extra_attrs jsonb NOT NULL DEFAULT '{}',
      creation_time timestamptz NOT NULL DEFAULT now(),
      start_time timestamptz,
      update_time timestamptz NOT NULL DEFAULT now(),
      end_time timestamptz)`);
    await q.query(`CREATE INDEX task_execution ON task (execution_id)`);
    await q.query(`CREATE INDEX task_unfinished ON task (status) WHERE status IN ('Pending', 'Scheduled', 'Running')`);
    await q.query(`CREATE TABLE job_log (
      id bigserial PRIMARY KEY,
      task_id int NOT NULL REFERENCES task(id) ON DELETE CASCADE,
      line text NOT NULL,
      log_time timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX job_log_task ON job_log (task_id, id)`);
    await q.query(`CREATE TABLE schedule (
      id serial PRIMARY KEY,
      vendor_type varchar(64) NOT NULL,
      vendor_id int NOT NULL DEFAULT -1,
      cron_type varchar(16) NOT NULL,
      cron varchar(64) NOT NULL,
      params jsonb NOT NULL DEFAULT '{}',
      creation_time timestamptz NOT NULL DEFAULT now(),
      update_time timestamptz NOT NULL DEFAULT now(),
      UNIQUE (vendor_type, vendor_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['schedule', 'job_log', 'task', 'execution']) await q.query(`DROP TABLE ${table}`);
  }
}
