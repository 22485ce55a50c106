// SQL fixtures for the search, statistics, systeminfo and audit-log specs: users, projects,
// members, repositories and audit rows inserted directly (the APIs that create them belong to
// other features).
import type { DataSource } from 'typeorm';
import { hashSecret } from '../../src/auth/password';
import type { Credentials } from '../support/api-client';
import { uniqueName } from '../support/test-stack';

export const PASSWORD = 'Passw0rd!';

export interface Fixtures {
  user(prefix: string, sysadmin?: boolean): Promise<Credentials & { id: number }>;
  project(name: string, isPublic: boolean, ownerId?: number): Promise<number>;
  member(projectId: number, userId: number, role: number): Promise<void>;
  repository(projectId: number, name: string, artifacts?: number): Promise<number>;
  audit(row: { projectId: number; operation: string; resourceType: string; resource: string; username: string; opTime?: string; success?: boolean }): Promise<number>;
}

export function fixtures(db: DataSource): Fixtures {
  return {
    async user(prefix, sysadmin = false) {
      const username = uniqueName(prefix);
      const [{ user_id }] = await db.query(
        `INSERT INTO harbor_user (username, email, password, sysadmin_flag) VALUES ($1, $2, $3, $4) RETURNING user_id`,
        [username, `${username}@example.com`, await hashSecret(PASSWORD), sysadmin],
      );
      return { id: user_id, username, password: PASSWORD };
    },
    async project(name, isPublic, ownerId = 1) {
      const [{ project_id }] = await db.query(`INSERT INTO project (name, owner_id) VALUES ($1, $2) RETURNING project_id`, [name, ownerId]);
      await db.query(`INSERT INTO project_metadata (project_id, name, value) VALUES ($1, 'public', $2)`, [project_id, String(isPublic)]);
      return project_id;
    },
    async member(projectId, userId, role) {
      await db.query(`INSERT INTO project_member (project_id, entity_id, entity_type, role) VALUES ($1, $2, 'u', $3)`, [projectId, userId, role]);
    },
    async repository(projectId, name, artifacts = 0) {
      const [{ repository_id }] = await db.query(
        `INSERT INTO repository (name, project_id, pull_count) VALUES ($1, $2, 3) RETURNING repository_id`,
        [name, projectId],
      );
      for (let i = 0; i < artifacts; i++) {
        await db.query(
          `INSERT INTO artifact (project_id, repository_id, repository_name, digest, type, media_type, manifest_media_type)
           VALUES ($1, $2, $3, $4, 'IMAGE', 'application/vnd.oci.image.config.v1+json', 'application/vnd.oci.image.manifest.v1+json')`,
          [projectId, repository_id, name, `sha256:${String(i).padStart(64, '0')}`],
        );
      }
      return repository_id;
    },
    async audit(r) {
      const [{ id }] = await db.query(
        `INSERT INTO audit_log_ext (project_id, operation, operation_description, operation_result, resource_type, resource, username, op_time)
         VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8::timestamptz, now())) RETURNING id`,
        [r.projectId, r.operation, `${r.operation} ${r.resourceType} ${r.resource}`, r.success ?? true, r.resourceType, r.resource, r.username, r.opTime ?? null],
      );
      return Number(id);
    },
  };
}

/** Harbor's role ids. */
export const ROLE = { projectAdmin: 1, developer: 2, guest: 3, maintainer: 4, limitedGuest: 5 } as const;
