import type { SqlFragment } from '@harbor-ts/api-query';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RuleFilter } from './immutable-rule';

export interface RuleRow {
  id: number;
  project_id: number;
  disabled: boolean;
  filter: RuleFilter;
}

const SELECT = `SELECT id, project_id, disabled, tag_filter::jsonb AS filter FROM immutable_tag_rule`;
const ALL: SqlFragment = { where: 'TRUE', params: [], nextIndex: 2 };
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

/** Every SQL statement about immutable tag rules. */
@Injectable()
export class ImmutableRulesRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  /** Serialises rule creation per project, so the per-project limit holds under concurrency. */
  async lockProject(tx: EntityManager, projectId: number): Promise<void> {
    await tx.query(`SELECT 1 FROM project WHERE project_id = $1 FOR NO KEY UPDATE`, [projectId]);
  }

  /** `q` is api-query's fragment with placeholders from $2. */
  async count(projectId: number, q: SqlFragment = ALL, tx: EntityManager | DataSource = this.db): Promise<number> {
    const rows: { n: number }[] = await tx.query(`SELECT count(*)::int AS n FROM immutable_tag_rule WHERE project_id = $1 AND ${q.where}`, [projectId, ...q.params]);
    return rows[0].n;
  }

  list(projectId: number, q: SqlFragment, orderBy: string, limit: number, offset: number): Promise<RuleRow[]> {
    return this.db.query(`${SELECT} WHERE project_id = $1 AND ${q.where} ${orderBy} LIMIT ${limit} OFFSET ${offset}`, [projectId, ...q.params]);
  }

  async get(projectId: number, id: number): Promise<RuleRow | undefined> {
    const rows: RuleRow[] = await this.db.query(`${SELECT} WHERE project_id = $1 AND id = $2`, [projectId, id]);
    return rows[0];
  }

  /** Enabled rules of one project, or of all projects (for the in-memory policy). */
  enabled(projectId?: number): Promise<RuleRow[]> {
    return projectId === undefined
      ? this.db.query(`${SELECT} WHERE NOT disabled`)
      : this.db.query(`${SELECT} WHERE NOT disabled AND project_id = $1`, [projectId]);
  }

  /** undefined when the project already has a rule with the same selectors. */
  async insert(tx: EntityManager, projectId: number, filter: RuleFilter, disabled: boolean): Promise<number | undefined> {
    const rows: { id: number }[] = await tx.query(
      `INSERT INTO immutable_tag_rule (project_id, tag_filter, disabled) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`,
      [projectId, JSON.stringify(filter), disabled],
    );
    return rows[0]?.id;
  }

  /** false when another rule of the project already has these selectors. */
  async update(projectId: number, id: number, change: { filter?: RuleFilter; disabled: boolean }): Promise<boolean> {
    try {
      await this.db.query(
        `UPDATE immutable_tag_rule SET tag_filter = COALESCE($3, tag_filter), disabled = $4 WHERE project_id = $1 AND id = $2`,
        [projectId, id, change.filter ? JSON.stringify(change.filter) : null, change.disabled],
      );
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async delete(projectId: number, id: number): Promise<void> {
    await this.db.query(`DELETE FROM immutable_tag_rule WHERE project_id = $1 AND id = $2`, [projectId, id]);
  }

  /** Tags held by the given artifacts of a repository (what deleting them would delete). */
  async tagsOf(repositoryName: string, digests: readonly string[]): Promise<string[]> {
    const rows: { name: string }[] = await this.db.query(
      `SELECT t.name FROM tag t JOIN artifact a ON a.id = t.artifact_id WHERE a.repository_name = $1 AND a.digest = ANY($2::varchar[]) ORDER BY t.name`,
      [repositoryName, digests],
    );
    return rows.map((r) => r.name);
  }
}
