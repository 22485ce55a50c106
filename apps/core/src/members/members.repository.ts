import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface MemberRow {
  id: number;
  project_id: number;
  entity_name: string;
  role_id: number;
  entity_id: number;
  entity_type: string;
}

// Only user members exist here (groups are not supported), so the entity is always a user.
const SELECT = `SELECT pm.id, pm.project_id, u.username AS entity_name, pm.role AS role_id, pm.entity_id, pm.entity_type
  FROM project_member pm JOIN harbor_user u ON pm.entity_type = 'u' AND u.user_id = pm.entity_id`;

/** Every SQL statement about project members. */
@Injectable()
export class MembersRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  async count(projectId: number, entityName: string | undefined): Promise<number> {
    const rows: { n: string }[] = await this.db.query(
      `SELECT count(*) AS n FROM (${SELECT} WHERE pm.project_id = $1 AND ($2::text IS NULL OR u.username = $2)) m`,
      [projectId, entityName ?? null]);
    return Number(rows[0].n);
  }

  list(projectId: number, entityName: string | undefined, limit: number, offset: number): Promise<MemberRow[]> {
    return this.db.query(
      `${SELECT} WHERE pm.project_id = $1 AND ($2::text IS NULL OR u.username = $2) ORDER BY u.username, pm.id LIMIT $3 OFFSET $4`,
      [projectId, entityName ?? null, limit, offset]);
  }

  async get(projectId: number, memberId: number): Promise<MemberRow | undefined> {
    const rows: MemberRow[] = await this.db.query(`${SELECT} WHERE pm.project_id = $1 AND pm.id = $2`, [projectId, memberId]);
    return rows[0];
  }

  async findUser(by: { userId?: number; username?: string }): Promise<{ user_id: number; username: string } | undefined> {
    const rows: { user_id: number; username: string }[] = by.userId
      ? await this.db.query(`SELECT user_id, username FROM harbor_user WHERE user_id = $1`, [by.userId])
      : await this.db.query(`SELECT user_id, username FROM harbor_user WHERE username = $1`, [by.username]);
    return rows[0];
  }

  /** undefined when the user is already a member (the unique key decides, race-free). */
  async insert(tx: EntityManager, projectId: number, userId: number, role: number): Promise<number | undefined> {
    const rows: { id: number }[] = await tx.query(
      `INSERT INTO project_member (project_id, entity_id, entity_type, role) VALUES ($1, $2, 'u', $3)
       ON CONFLICT (project_id, entity_id, entity_type) DO NOTHING RETURNING id`, [projectId, userId, role]);
    return rows[0]?.id;
  }

  async updateRole(tx: EntityManager, projectId: number, memberId: number, role: number): Promise<void> {
    await tx.query(`UPDATE project_member SET role = $3, update_time = now() WHERE project_id = $1 AND id = $2`, [projectId, memberId, role]);
  }

  async delete(tx: EntityManager, projectId: number, memberId: number): Promise<void> {
    await tx.query(`DELETE FROM project_member WHERE project_id = $1 AND id = $2`, [projectId, memberId]);
  }
}
