import { Injectable } from '@nestjs/common';
import { type FieldSpec, toSql } from '@harbor-ts/api-query';
import { DataSource, type EntityManager } from 'typeorm';
import { TOP_LEVEL } from '../artifacts-api/artifact-filters';
import type { ListRequest } from '../projects/list-query';
import type { RepositoryRow } from './repository.view';
import { PROJECT_IS_PUBLIC } from '../auth/project-directory';

export const REPOSITORY_FIELDS: FieldSpec = { name: { type: 'string' }, project_id: { type: 'int' }, id: { type: 'int' } };
const COLUMNS = { name: 'r.name', project_id: 'r.project_id', id: 'r.repository_id' };
export const REPOSITORY_SORTS = { id: 'r.repository_id', repository_id: 'r.repository_id', name: 'r.name', creation_time: 'r.creation_time', update_time: 'r.update_time', pull_count: 'r.pull_count' };
/** Harbor's RepoRecord default sort. */
export const REPOSITORY_DEFAULT_SORT = '-creation_time,-repository_id';

const SELECT = `SELECT r.repository_id, r.project_id, r.name, r.description, r.pull_count, r.creation_time, r.update_time,
  (SELECT count(*)::int FROM artifact a WHERE a.repository_id = r.repository_id AND ${TOP_LEVEL('a')}) AS artifact_count
  FROM repository r`;

/** Which projects' repositories a list may show: every project, or only the given ids. */
export type ProjectScope = { all: true } | { all: false; projectIds: number[] };

@Injectable()
export class RepositoriesRepository {
  constructor(private readonly db: DataSource) {}

  /** One page and the total, for the given project scope and list request. */
  async list(scope: ProjectScope, list: ListRequest): Promise<{ rows: RepositoryRow[]; total: number }> {
    const params: unknown[] = scope.all ? [] : [scope.projectIds];
    const within = scope.all ? 'TRUE' : 'r.project_id = ANY($1::int[])';
    const q = toSql(list.query, COLUMNS, params.length + 1);
    const where = `WHERE ${within} AND ${q.where}`;
    const all = [...params, ...q.params];
    const [rows, counted] = await Promise.all([
      this.db.query(`${SELECT} ${where} ${list.orderBy} LIMIT ${list.paging.limit} OFFSET ${list.paging.offset}`, all),
      this.db.query(`SELECT count(*)::int AS total FROM repository r ${where}`, all) as Promise<{ total: number }[]>,
    ]);
    return { rows, total: counted[0].total };
  }

  async byName(name: string): Promise<RepositoryRow | undefined> {
    const rows: RepositoryRow[] = await this.db.query(`${SELECT} WHERE r.name = $1`, [name]);
    return rows[0];
  }

  async updateDescription(id: number, description: string): Promise<void> {
    await this.db.query(`UPDATE repository SET description = $2, update_time = now() WHERE repository_id = $1`, [id, description]);
  }

  /** Ids of the public projects and, for a user, those they are a member of. */
  async visibleProjectIds(userId: number | undefined, projectNames: readonly string[] = []): Promise<number[]> {
    const rows: { project_id: number }[] = await this.db.query(
      `SELECT p.project_id FROM project p
       WHERE ${PROJECT_IS_PUBLIC}
          OR EXISTS (SELECT 1 FROM project_member pm WHERE pm.project_id = p.project_id AND pm.entity_type = 'u' AND pm.entity_id = $1)
          OR p.name = ANY($2::varchar[])`,
      [userId ?? 0, projectNames],
    );
    return rows.map((r) => r.project_id);
  }

  /** Every artifact of a repository, children and accessories included. */
  async artifactsOf(repositoryId: number): Promise<{ id: number; digest: string }[]> {
    return this.db.query(`SELECT id, digest FROM artifact WHERE repository_id = $1`, [repositoryId]);
  }

  /** Removes the repository; its artifacts, tags, references and accessory links cascade. */
  async delete(tx: EntityManager, repositoryId: number): Promise<void> {
    // Index references first: the child foreign key is checked before the cascade reaches them.
    await tx.query(`DELETE FROM artifact_reference WHERE parent_id IN (SELECT id FROM artifact WHERE repository_id = $1)`, [repositoryId]);
    await tx.query(`DELETE FROM repository WHERE repository_id = $1`, [repositoryId]);
  }
}
