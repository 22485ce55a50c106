import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RobotEntity, RobotPermissionRow } from '../db/entities';

const COLUMNS = `id, name, description, project_id AS "projectId", level, secret, duration, expires_at AS "expiresAt",
  disable, visible, permissions, creator_ref AS "creatorRef", creator_type AS "creatorType",
  creation_time AS "creationTime", update_time AS "updateTime"`;

const MAX_INT = 2_147_483_647;
const DEFAULT_ROBOT_DURATION_DAYS = 30;

export interface NewRobotRow {
  name: string;
  description: string;
  projectId: number;
  level: 'system' | 'project';
  secretHash: string;
  duration: number;
  expiresAt: number;
  disable: boolean;
  permissions: RobotPermissionRow[];
  creatorRef: number;
  creatorType: string;
  creationTime: Date;
}

export interface RobotChanges {
  description: string;
  duration: number;
  expiresAt: number;
  disable: boolean;
  permissions: RobotPermissionRow[];
}

/** A list filter: a parameterised condition and its ORDER BY, both built from whitelists. */
export interface RobotFilter {
  where: string;
  params: unknown[];
  orderBy: string;
}

/** Every SQL statement about robot accounts. */
@Injectable()
export class RobotRepository {
  constructor(private readonly db: DataSource) {}

  async findById(id: number): Promise<RobotEntity | undefined> {
    if (id > MAX_INT) return undefined;
    const rows: RobotEntity[] = await this.db.query(`SELECT ${COLUMNS} FROM robot WHERE id = $1`, [id]);
    return rows[0];
  }

  /** Inserts unless (name, project) is taken; undefined means it was. */
  async insert(row: NewRobotRow, tx: EntityManager): Promise<RobotEntity | undefined> {
    const rows: RobotEntity[] = await tx.query(
      `INSERT INTO robot (name, description, project_id, level, secret, duration, expires_at, disable, permissions,
         creator_ref, creator_type, creation_time, update_time)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $12)
       ON CONFLICT (name, project_id) DO NOTHING RETURNING ${COLUMNS}`,
      [row.name, row.description, row.projectId, row.level, row.secretHash, row.duration, row.expiresAt, row.disable,
        JSON.stringify(row.permissions), row.creatorRef, row.creatorType, row.creationTime],
    );
    return rows[0];
  }

  async update(id: number, changes: RobotChanges): Promise<void> {
    await this.db.query(
      `UPDATE robot SET description = $2, duration = $3, expires_at = $4, disable = $5, permissions = $6::jsonb,
         update_time = now() WHERE id = $1`,
      [id, changes.description, changes.duration, changes.expiresAt, changes.disable, JSON.stringify(changes.permissions)],
    );
  }

  async updateSecret(id: number, secretHash: string): Promise<void> {
    await this.db.query(`UPDATE robot SET secret = $2, update_time = now() WHERE id = $1`, [id, secretHash]);
  }

  /** True when a row was deleted. */
  async delete(id: number, tx: EntityManager): Promise<boolean> {
    const rows: unknown[] = await tx.query(`DELETE FROM robot WHERE id = $1 RETURNING id`, [id]);
    return rows.length > 0;
  }

  async count(filter: RobotFilter): Promise<number> {
    const rows: { n: string }[] = await this.db.query(`SELECT count(*) AS n FROM robot WHERE ${filter.where}`, filter.params);
    return Number(rows[0].n);
  }

  async list(filter: RobotFilter, limit: number, offset: number): Promise<RobotEntity[]> {
    const n = filter.params.length;
    return this.db.query(
      `SELECT ${COLUMNS} FROM robot WHERE ${filter.where} ${filter.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...filter.params, limit, offset],
    );
  }

  /** Harbor's robot_token_duration setting (days), used when a robot is created with duration 0. */
  async defaultDurationDays(): Promise<number> {
    const rows: { v: string }[] = await this.db.query(`SELECT v FROM properties WHERE k = 'robot_token_duration'`);
    const days = Number(rows[0]?.v);
    return Number.isSafeInteger(days) && days > 0 ? days : DEFAULT_ROBOT_DURATION_DAYS;
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
