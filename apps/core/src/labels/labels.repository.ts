import { Injectable } from '@nestjs/common';
import { escapeLike, toSql } from '@harbor-ts/api-query';
import { DataSource } from 'typeorm';
import type { ListRequest } from '../projects/list-query';
import { LABEL_COLUMNS_SQL, type LabelRow } from './label.view';

const MAX_ID = 2_147_483_647;

/** q keys of GET /labels mapped to columns; scope, project_id and name come as parameters too. */
export const LABEL_COLUMNS = { id: 'l.id', name: 'l.name', description: 'l.description', color: 'l.color', scope: 'l.scope', project_id: 'l.project_id' };

export interface LabelFilter {
  scope: 'g' | 'p';
  projectId: number;
  name?: string;
}

export interface NewLabel {
  name: string;
  description: string;
  color: string;
  scope: 'g' | 'p';
  projectId: number;
}

/** Label SQL, one query per method. */
@Injectable()
export class LabelsRepository {
  constructor(private readonly db: DataSource) {}

  async page(filter: LabelFilter, list: ListRequest): Promise<{ rows: LabelRow[]; total: number }> {
    const q = toSql(list.query, LABEL_COLUMNS, 4);
    // name is Harbor's fuzzy match (__icontains): an ILIKE with the user's wildcards escaped.
    const where = `WHERE l.scope = $1 AND l.project_id = $2 AND ($3::text IS NULL OR l.name ILIKE $3) AND ${q.where}`;
    const params = [filter.scope, filter.projectId, filter.name ? `%${escapeLike(filter.name)}%` : null, ...q.params];
    const [rows, counted] = await Promise.all([
      this.db.query(`SELECT ${LABEL_COLUMNS_SQL} FROM harbor_label l ${where} ${list.orderBy} LIMIT ${list.paging.limit} OFFSET ${list.paging.offset}`, params) as Promise<LabelRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM harbor_label l ${where}`, params) as Promise<{ total: number }[]>,
    ]);
    return { rows, total: counted[0].total };
  }

  async byId(id: number): Promise<LabelRow | undefined> {
    if (id > MAX_ID) return undefined;
    const rows: LabelRow[] = await this.db.query(`SELECT ${LABEL_COLUMNS_SQL} FROM harbor_label l WHERE l.id = $1`, [id]);
    return rows[0];
  }

  /** The new id, or undefined when (name, scope, project_id) is taken. */
  async create(l: NewLabel): Promise<number | undefined> {
    const rows: { id: number }[] = await this.db.query(
      `INSERT INTO harbor_label (name, description, color, scope, project_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (name, scope, project_id) DO NOTHING RETURNING id`,
      [l.name, l.description, l.color, l.scope, l.projectId],
    );
    return rows[0]?.id;
  }

  /** False when the new name is taken in the label's scope. */
  async update(id: number, l: { name: string; description: string; color: string }): Promise<boolean> {
    try {
      await this.db.query(`UPDATE harbor_label SET name = $2, description = $3, color = $4, update_time = now() WHERE id = $1`, [id, l.name, l.description, l.color]);
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === '23505') return false;
      throw err;
    }
  }

  /** Deletes the label; the foreign key's cascade detaches it from every artifact. */
  async delete(id: number): Promise<void> {
    await this.db.query(`DELETE FROM harbor_label WHERE id = $1`, [id]);
  }

  /** Labels of each artifact, for with_label (one query per page). */
  ofArtifacts(artifactIds: readonly number[]): Promise<(LabelRow & { artifact_id: number })[]> {
    return this.db.query(
      `SELECT rl.resource_id AS artifact_id, ${LABEL_COLUMNS_SQL} FROM harbor_resource_label rl JOIN harbor_label l ON l.id = rl.label_id
       WHERE rl.resource_type = 'a' AND rl.resource_id = ANY($1::int[]) ORDER BY rl.id`,
      [artifactIds],
    );
  }

  /** False when the label is already attached. */
  async attach(labelId: number, artifactId: number): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO harbor_resource_label (label_id, resource_id, resource_type) VALUES ($1, $2, 'a') ON CONFLICT DO NOTHING RETURNING id`,
      [labelId, artifactId],
    );
    return rows.length > 0;
  }

  /** False when the label was not attached. */
  async detach(labelId: number, artifactId: number): Promise<boolean> {
    if (labelId > MAX_ID) return false;
    // Through a CTE: TypeORM answers a bare DELETE with [rows, count], not the rows.
    const rows = await this.db.query(
      `WITH d AS (DELETE FROM harbor_resource_label WHERE label_id = $1 AND resource_id = $2 AND resource_type = 'a' RETURNING id) SELECT id FROM d`,
      [labelId, artifactId],
    );
    return rows.length > 0;
  }
}
