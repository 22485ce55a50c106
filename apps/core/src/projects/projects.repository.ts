import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { HarborError } from '../common/harbor-error';
import { type WhereClause } from './project-list';

export interface ProjectRow {
  project_id: number;
  name: string;
  owner_id: number | null;
  registry_id: number;
  creation_time: Date;
  update_time: Date;
}

type Db = DataSource | EntityManager;
const COLUMNS = 'p.project_id, p.name, p.owner_id, p.registry_id, p.creation_time, p.update_time';

/** Every SQL statement about projects, their metadata and their deletion. */
@Injectable()
export class ProjectsRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  async insert(tx: EntityManager, name: string, ownerId: number): Promise<number> {
    try {
      const rows: { project_id: number }[] = await tx.query(
        `INSERT INTO project (name, owner_id) VALUES ($1, $2) RETURNING project_id`, [name, ownerId]);
      return rows[0].project_id;
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw HarborError.conflict(`The project named ${name} already exists`);
      throw err;
    }
  }

  async count(w: WhereClause): Promise<number> {
    const rows: { n: string }[] = await this.db.query(`SELECT count(*) AS n FROM project p WHERE ${w.where}`, w.params);
    return Number(rows[0].n);
  }

  /** `orderBy` comes from parseSort's whitelist, never from the caller's text. */
  list(w: WhereClause, orderBy: string, limit: number, offset: number): Promise<ProjectRow[]> {
    const n = w.params.length;
    return this.db.query(
      `SELECT ${COLUMNS} FROM project p WHERE ${w.where} ${orderBy}, p.project_id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...w.params, limit, offset],
    );
  }

  async byId(id: number): Promise<ProjectRow | undefined> {
    const rows: ProjectRow[] = await this.db.query(`SELECT ${COLUMNS} FROM project p WHERE p.project_id = $1`, [id]);
    return rows[0];
  }

  async existsByName(name: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM project WHERE name = $1`, [name])).length > 0;
  }

  metadataOf(ids: number[]): Promise<{ project_id: number; name: string; value: string }[]> {
    return this.db.query(`SELECT project_id, name, value FROM project_metadata WHERE project_id = ANY($1) ORDER BY name`, [ids]);
  }

  ownerNames(ids: number[]): Promise<{ user_id: number; username: string }[]> {
    return this.db.query(`SELECT user_id, username FROM harbor_user WHERE user_id = ANY($1)`, [ids]);
  }

  repoCounts(ids: number[]): Promise<{ project_id: number; n: string }[]> {
    return this.db.query(`SELECT project_id, count(*) AS n FROM repository WHERE project_id = ANY($1) GROUP BY project_id`, [ids]);
  }

  rolesOf(userId: number, ids: number[]): Promise<{ project_id: number; role: number }[]> {
    return this.db.query(
      `SELECT project_id, role FROM project_member WHERE entity_type = 'u' AND entity_id = $1 AND project_id = ANY($2)`, [userId, ids]);
  }

  /** Inserts or overwrites each key (Harbor's Update: add the new ones, update the rest). */
  async upsertMetadata(projectId: number, meta: Record<string, string>, db: Db = this.db): Promise<void> {
    for (const [name, value] of Object.entries(meta)) {
      await db.query(
        `INSERT INTO project_metadata (project_id, name, value) VALUES ($1, $2, $3)
         ON CONFLICT (project_id, name) DO UPDATE SET value = EXCLUDED.value`, [projectId, name, value]);
    }
    await db.query(`UPDATE project SET update_time = now() WHERE project_id = $1`, [projectId]);
  }

  async insertMetadata(projectId: number, name: string, value: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO project_metadata (project_id, name, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`, [projectId, name, value]);
    return rows.length > 0;
  }

  async deleteMetadata(projectId: number, name: string): Promise<void> {
    await this.db.query(`DELETE FROM project_metadata WHERE project_id = $1 AND name = $2`, [projectId, name]);
  }

  async addMember(tx: EntityManager, projectId: number, userId: number, role: number): Promise<void> {
    await tx.query(`INSERT INTO project_member (project_id, entity_id, entity_type, role) VALUES ($1, $2, 'u', $3)`, [projectId, userId, role]);
  }

  async addQuota(tx: EntityManager, projectId: number, hard: number): Promise<void> {
    await tx.query(`INSERT INTO quota (reference, reference_id, hard_storage) VALUES ('project', $1, $2)`, [String(projectId), hard]);
  }

  /**
   * Removes the project and what hangs off it. Robots, project labels and the quota have no
   * foreign key (global labels and system robots use project 0), so they go explicitly, as does
   * the retention schedule; metadata, members, blob links and policies cascade. The repository foreign key
   * makes the final DELETE fail if a push raced the emptiness check.
   */
  async delete(tx: EntityManager, projectId: number): Promise<{ retentionPolicyIds: number[] }> {
    // The retention policy cascades with the project; its schedule row (no foreign key) must go too.
    const schedules: { vendor_id: number }[] = await tx.query(
      `DELETE FROM schedule WHERE vendor_type = 'RETENTION' AND vendor_id IN (SELECT id FROM retention_policy WHERE scope_reference = $1) RETURNING vendor_id`,
      [projectId],
    );
    await tx.query(`DELETE FROM robot WHERE project_id = $1`, [projectId]);
    await tx.query(`DELETE FROM harbor_label WHERE scope = 'p' AND project_id = $1`, [projectId]);
    await tx.query(`DELETE FROM quota WHERE reference = 'project' AND reference_id = $1`, [String(projectId)]);
    await tx.query(`DELETE FROM project WHERE project_id = $1`, [projectId]);
    return { retentionPolicyIds: schedules.map((r) => r.vendor_id) };
  }

  /** The lowest-numbered system admin: the owner Harbor gives projects created by robots. */
  async firstAdminId(): Promise<number | undefined> {
    const rows: { user_id: number }[] = await this.db.query(`SELECT user_id FROM harbor_user WHERE sysadmin_flag ORDER BY user_id LIMIT 1`);
    return rows[0]?.user_id;
  }

  async property(key: string): Promise<string | undefined> {
    const rows: { v: string }[] = await this.db.query(`SELECT v FROM properties WHERE k = $1`, [key]);
    return rows[0]?.v;
  }
}
