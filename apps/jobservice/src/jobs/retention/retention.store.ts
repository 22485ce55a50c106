import { artifactClosure, matchesSelector, type RetentionCandidate, type RetentionPolicy, type Selector } from '@harbor-ts/jobs';
import type { Pool, PoolClient } from 'pg';

// The RETENTION job's reads and writes, one query per method, on the core database.

export interface RetentionRepository {
  id: number;
  /** Full name, "project/repo". */
  name: string;
  projectId: number;
  projectName: string;
}

export interface StoredCandidate extends RetentionCandidate {
  id: number;
}

interface ImmutableFilter {
  tag_selectors: Selector[];
  scope_selectors: { repository: Selector[] };
}

export class RetentionStore {
  constructor(private readonly db: Pool) {}

  async policy(id: number): Promise<RetentionPolicy | undefined> {
    const { rows } = await this.db.query(`SELECT id, scope_level, scope_reference, trigger, data FROM retention_policy WHERE id = $1`, [id]);
    const r = rows[0];
    return r && { id: r.id, algorithm: r.data.algorithm, rules: r.data.rules, trigger: r.trigger, scope: { level: r.scope_level, ref: r.scope_reference } };
  }

  /** Repository names of the project, in name order. */
  async repositoryNames(projectId: number): Promise<{ projectName: string; names: string[] }> {
    const { rows } = await this.db.query(
      `SELECT p.name AS project, r.name FROM project p LEFT JOIN repository r ON r.project_id = p.project_id WHERE p.project_id = $1 ORDER BY r.name`,
      [projectId],
    );
    return { projectName: rows[0]?.project ?? '', names: rows.filter((r) => r.name !== null).map((r) => r.name) };
  }

  async repository(projectId: number, name: string): Promise<RetentionRepository | undefined> {
    const { rows } = await this.db.query(
      `SELECT r.repository_id, r.name, p.project_id, p.name AS project FROM repository r JOIN project p ON p.project_id = r.project_id
       WHERE r.project_id = $1 AND r.name = $2`,
      [projectId, name],
    );
    return rows[0] && { id: rows[0].repository_id, name: rows[0].name, projectId: rows[0].project_id, projectName: rows[0].project };
  }

  /**
   * The repository's top-level artifacts with their tags: what the artifact list shows, so
   * neither an index's children nor accessories (signatures, SBOMs); those go with their parent.
   */
  async candidates(repositoryId: number): Promise<StoredCandidate[]> {
    const { rows } = await this.db.query(
      `SELECT a.id, a.digest, a.push_time, a.pull_time, COALESCE(array_agg(t.name ORDER BY t.name) FILTER (WHERE t.name IS NOT NULL), '{}') AS tags
       FROM artifact a LEFT JOIN tag t ON t.artifact_id = a.id
       WHERE a.repository_id = $1
         AND NOT EXISTS (SELECT 1 FROM artifact_reference ref WHERE ref.child_id = a.id)
         AND NOT EXISTS (SELECT 1 FROM artifact_accessory acc WHERE acc.artifact_id = a.id)
       GROUP BY a.id ORDER BY a.push_time DESC, a.id DESC`,
      [repositoryId],
    );
    return rows.map((r) => ({
      id: r.id,
      digest: r.digest,
      tags: r.tags,
      pushedTime: new Date(r.push_time).getTime(),
      pulledTime: r.pull_time ? new Date(r.pull_time).getTime() : 0,
      immutable: false,
    }));
  }

  /** A predicate telling whether an enabled immutable tag rule of the project protects a tag. */
  async immutability(projectId: number): Promise<(repository: string, tag: string) => boolean> {
    const { rows } = await this.db.query(`SELECT tag_filter FROM immutable_tag_rule WHERE project_id = $1 AND NOT disabled`, [projectId]);
    const filters: ImmutableFilter[] = rows.map((r) => JSON.parse(r.tag_filter));
    return (repository, tag) => filters.some((f) => matchesSelector(f.scope_selectors.repository[0], repository) && matchesSelector(f.tag_selectors[0], tag));
  }

  /** The artifact and what its delete takes along (libs/jobs artifactClosure, as core deletes). */
  closure(rootId: number): Promise<number[]> {
    return artifactClosure({ query: async (sql, params) => (await this.db.query(sql, params ? [...params] : undefined)).rows }, rootId);
  }

  async digestsOf(ids: readonly number[]): Promise<string[]> {
    const { rows } = await this.db.query(`SELECT digest FROM artifact WHERE id = ANY($1::int[])`, [ids]);
    return rows.map((r) => r.digest);
  }

  async transaction<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
    const tx = await this.db.connect();
    try {
      await tx.query('BEGIN');
      const result = await work(tx);
      await tx.query('COMMIT');
      return result;
    } catch (err) {
      await tx.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      tx.release();
    }
  }
}
