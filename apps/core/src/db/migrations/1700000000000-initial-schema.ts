import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema. Foreign keys carry the lifecycle rules: a project cannot be dropped while it
 * has repositories; a repository takes its artifacts and tags with it; an index's children
 * cannot be deleted while referenced (NO ACTION, checked at statement end so cascades pass).
 */
export class InitialSchema1700000000000 implements MigrationInterface {
  name = 'InitialSchema1700000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of SCHEMA) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
  }
}

const TABLES = [
  'harbor_user', 'project', 'project_metadata', 'project_member', 'robot', 'repository', 'artifact',
  'artifact_reference', 'artifact_accessory', 'tag', 'blob', 'project_blob', 'artifact_blob', 'quota',
  'audit_log_ext', 'properties',
];

const created = `creation_time timestamptz NOT NULL DEFAULT now(), update_time timestamptz NOT NULL DEFAULT now()`;

const SCHEMA = [
  `CREATE TABLE harbor_user (
    user_id serial PRIMARY KEY, username varchar(255) NOT NULL UNIQUE, email varchar(255) UNIQUE,
    password varchar(256) NOT NULL, realname varchar(255) NOT NULL DEFAULT '', comment varchar(255) NOT NULL DEFAULT '',
    sysadmin_flag boolean NOT NULL DEFAULT false, ${created})`,
  `CREATE TABLE project (
    project_id serial PRIMARY KEY, name varchar(255) NOT NULL UNIQUE,
    owner_id int REFERENCES harbor_user(user_id) ON DELETE SET NULL, registry_id int NOT NULL DEFAULT 0, ${created})`,
  `CREATE TABLE project_metadata (
    id serial PRIMARY KEY, project_id int NOT NULL REFERENCES project(project_id) ON DELETE CASCADE,
    name varchar(255) NOT NULL, value varchar(255) NOT NULL, UNIQUE (project_id, name))`,
  `CREATE TABLE project_member (
    id serial PRIMARY KEY, project_id int NOT NULL REFERENCES project(project_id) ON DELETE CASCADE,
    entity_id int NOT NULL, entity_type char(1) NOT NULL CHECK (entity_type IN ('u', 'g')), role int NOT NULL,
    ${created}, UNIQUE (project_id, entity_id, entity_type))`,
  `CREATE INDEX project_member_entity ON project_member (entity_type, entity_id)`,
  `CREATE TABLE robot (
    id serial PRIMARY KEY, name varchar(255) NOT NULL, description varchar(1024) NOT NULL DEFAULT '',
    project_id int NOT NULL DEFAULT 0, level varchar(10) NOT NULL DEFAULT 'system', secret varchar(256) NOT NULL,
    duration int NOT NULL DEFAULT -1, expires_at bigint NOT NULL DEFAULT -1, disable boolean NOT NULL DEFAULT false,
    visible boolean NOT NULL DEFAULT true, permissions jsonb NOT NULL DEFAULT '[]',
    creator_ref int NOT NULL DEFAULT 0, creator_type varchar(255) NOT NULL DEFAULT 'local', ${created},
    UNIQUE (name, project_id))`,
  `CREATE TABLE repository (
    repository_id serial PRIMARY KEY, name varchar(255) NOT NULL UNIQUE,
    project_id int NOT NULL REFERENCES project(project_id), description text NOT NULL DEFAULT '',
    pull_count int NOT NULL DEFAULT 0, ${created})`,
  `CREATE INDEX repository_project ON repository (project_id)`,
  `CREATE TABLE artifact (
    id serial PRIMARY KEY, project_id int NOT NULL,
    repository_id int NOT NULL REFERENCES repository(repository_id) ON DELETE CASCADE,
    repository_name varchar(255) NOT NULL, digest varchar(255) NOT NULL, type varchar(255) NOT NULL,
    media_type varchar(255) NOT NULL, manifest_media_type varchar(255) NOT NULL, artifact_type varchar(255) NOT NULL DEFAULT '',
    size bigint NOT NULL DEFAULT 0, push_time timestamptz NOT NULL DEFAULT now(), pull_time timestamptz,
    extra_attrs jsonb NOT NULL DEFAULT '{}', annotations jsonb, icon varchar(255) NOT NULL DEFAULT '',
    UNIQUE (repository_id, digest))`,
  `CREATE INDEX artifact_project ON artifact (project_id)`,
  `CREATE INDEX artifact_repository_push ON artifact (repository_id, push_time DESC, id DESC)`,
  `CREATE INDEX artifact_digest ON artifact (digest)`,
  `CREATE TABLE artifact_reference (
    id serial PRIMARY KEY, parent_id int NOT NULL REFERENCES artifact(id) ON DELETE CASCADE,
    child_id int NOT NULL REFERENCES artifact(id), child_digest varchar(255) NOT NULL,
    platform jsonb, annotations jsonb, UNIQUE (parent_id, child_digest))`,
  `CREATE INDEX artifact_reference_child ON artifact_reference (child_id)`,
  `CREATE TABLE artifact_accessory (
    id serial PRIMARY KEY, artifact_id int NOT NULL REFERENCES artifact(id) ON DELETE CASCADE,
    subject_artifact_id int NOT NULL REFERENCES artifact(id) ON DELETE CASCADE,
    subject_artifact_digest varchar(255) NOT NULL, subject_artifact_repo varchar(255) NOT NULL,
    type varchar(255) NOT NULL, size bigint NOT NULL DEFAULT 0, digest varchar(255) NOT NULL,
    creation_time timestamptz NOT NULL DEFAULT now(), UNIQUE (artifact_id, subject_artifact_id))`,
  `CREATE INDEX artifact_accessory_subject ON artifact_accessory (subject_artifact_id)`,
  `CREATE TABLE tag (
    id serial PRIMARY KEY, repository_id int NOT NULL REFERENCES repository(repository_id) ON DELETE CASCADE,
    artifact_id int NOT NULL REFERENCES artifact(id) ON DELETE CASCADE, name varchar(255) NOT NULL,
    push_time timestamptz NOT NULL DEFAULT now(), pull_time timestamptz, UNIQUE (repository_id, name))`,
  `CREATE INDEX tag_artifact ON tag (artifact_id)`,
  `CREATE TABLE blob (
    id serial PRIMARY KEY, digest varchar(255) NOT NULL UNIQUE, content_type varchar(1024) NOT NULL DEFAULT '',
    size bigint NOT NULL, status varchar(255) NOT NULL DEFAULT 'none', version bigint NOT NULL DEFAULT 0, ${created})`,
  `CREATE TABLE project_blob (
    id serial PRIMARY KEY, project_id int NOT NULL REFERENCES project(project_id) ON DELETE CASCADE,
    blob_id int NOT NULL REFERENCES blob(id) ON DELETE CASCADE,
    creation_time timestamptz NOT NULL DEFAULT now(), UNIQUE (project_id, blob_id))`,
  `CREATE INDEX project_blob_blob ON project_blob (blob_id)`,
  `CREATE TABLE artifact_blob (
    id serial PRIMARY KEY, digest_af varchar(255) NOT NULL, digest_blob varchar(255) NOT NULL,
    creation_time timestamptz NOT NULL DEFAULT now(), UNIQUE (digest_af, digest_blob))`,
  `CREATE INDEX artifact_blob_blob ON artifact_blob (digest_blob)`,
  `CREATE TABLE quota (
    id serial PRIMARY KEY, reference varchar(255) NOT NULL DEFAULT 'project', reference_id varchar(255) NOT NULL,
    hard_storage bigint NOT NULL DEFAULT -1, used_storage bigint NOT NULL DEFAULT 0, ${created},
    UNIQUE (reference, reference_id))`,
  `CREATE TABLE audit_log_ext (
    id bigserial PRIMARY KEY, project_id int NOT NULL DEFAULT 0, operation varchar(50) NOT NULL,
    operation_description text NOT NULL DEFAULT '', operation_result boolean NOT NULL DEFAULT true,
    resource_type varchar(255) NOT NULL, resource varchar(1024) NOT NULL, username varchar(255) NOT NULL,
    op_time timestamptz NOT NULL DEFAULT now())`,
  `CREATE INDEX audit_log_ext_time ON audit_log_ext (op_time DESC)`,
  `CREATE INDEX audit_log_ext_project ON audit_log_ext (project_id, op_time DESC)`,
  `CREATE TABLE properties (id serial PRIMARY KEY, k varchar(64) NOT NULL UNIQUE, v text NOT NULL)`,
];
