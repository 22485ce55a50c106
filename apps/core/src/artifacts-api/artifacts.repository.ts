import { Injectable } from '@nestjs/common';
import { toSql } from '@harbor-ts/api-query';
import { artifactClosure } from '@harbor-ts/jobs';
import { DataSource, type EntityManager } from 'typeorm';
import type { ListRequest } from '../projects/list-query';
import { ACCESSORY_IDS, ARTIFACT_COLUMNS, UNTAGGED_CHILDREN } from './artifact-filters';
import { type AccessoryRow, ARTIFACT_COLUMNS_SQL, type ArtifactRow, type ReferenceRow, type TagRow } from './artifact.rows';

/**
 * Artifact SQL. A list page is one query on the (repository_id, push_time DESC, id DESC)
 * index plus one COUNT; tags, references and accessories of a page come in one batched query
 * each, never one per artifact.
 */
@Injectable()
export class ArtifactsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * A page and the total, side by side. The page picks its ids first (an index-only scan over
   * (repository_id, push_time, id) when q= filters no other column), then reads the full rows
   * of just those ids: skipping 9,990 rows of a deep page then never touches their heap tuples.
   */
  async page(repositoryName: string, list: ListRequest): Promise<{ rows: ArtifactRow[]; total: number }> {
    const q = toSql(list.query, ARTIFACT_COLUMNS, 2);
    const repo = '(SELECT repository_id FROM repository WHERE name = $1)';
    const base = list.query.terms.some((t) => t.key === 'base') ? 'TRUE' : `NOT (a.id = ANY(${UNTAGGED_CHILDREN(repo)}))`;
    const where = `WHERE a.repository_id = ${repo} AND ${base} AND NOT (a.id = ANY(${ACCESSORY_IDS(repo)})) AND ${q.where}`;
    const params = [repositoryName, ...q.params];
    const ids = `SELECT a.id FROM artifact a ${where} ${list.orderBy} LIMIT ${list.paging.limit} OFFSET ${list.paging.offset}`;
    const [rows, counted] = await Promise.all([
      this.db.query(`SELECT ${ARTIFACT_COLUMNS_SQL} FROM artifact a WHERE a.id IN (${ids}) ${list.orderBy}`, params) as Promise<ArtifactRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM artifact a ${where}`, params) as Promise<{ total: number }[]>,
    ]);
    return { rows, total: counted[0].total };
  }

  async repositoryId(name: string): Promise<number | undefined> {
    const rows: { repository_id: number }[] = await this.db.query(`SELECT repository_id FROM repository WHERE name = $1`, [name]);
    return rows[0]?.repository_id;
  }

  async byDigest(repositoryName: string, digest: string): Promise<ArtifactRow | undefined> {
    const rows: ArtifactRow[] = await this.db.query(`SELECT ${ARTIFACT_COLUMNS_SQL} FROM artifact a WHERE a.repository_name = $1 AND a.digest = $2`, [repositoryName, digest]);
    return rows[0];
  }

  async byTag(repositoryId: number, tag: string): Promise<ArtifactRow | undefined> {
    const rows: ArtifactRow[] = await this.db.query(
      `SELECT ${ARTIFACT_COLUMNS_SQL} FROM tag t JOIN artifact a ON a.id = t.artifact_id WHERE t.repository_id = $1 AND t.name = $2`,
      [repositoryId, tag],
    );
    return rows[0];
  }

  tagsOf(ids: readonly number[]): Promise<TagRow[]> {
    return this.db.query(`SELECT id, repository_id, artifact_id, name, push_time, pull_time FROM tag WHERE artifact_id = ANY($1::int[]) ORDER BY push_time DESC, id DESC`, [ids]);
  }

  referencesOf(ids: readonly number[]): Promise<ReferenceRow[]> {
    return this.db.query(`SELECT parent_id, child_id, child_digest, platform, annotations FROM artifact_reference WHERE parent_id = ANY($1::int[]) ORDER BY id`, [ids]);
  }

  accessoriesOf(ids: readonly number[]): Promise<AccessoryRow[]> {
    return this.db.query(`SELECT * FROM artifact_accessory WHERE subject_artifact_id = ANY($1::int[]) ORDER BY creation_time DESC, id DESC`, [ids]);
  }

  /** Whether an index lists the artifact (then it cannot be deleted on its own). */
  async isReferenced(id: number): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM artifact_reference WHERE child_id = $1 LIMIT 1`, [id]);
    return rows.length > 0;
  }

  async isAccessory(id: number): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM artifact_accessory WHERE artifact_id = $1 LIMIT 1`, [id]);
    return rows.length > 0;
  }

  /** The artifact and what its delete takes along (libs/jobs artifactClosure). */
  closure(rootId: number): Promise<number[]> {
    return artifactClosure({ query: (sql, params) => this.db.query(sql, params ? [...params] : undefined) }, rootId);
  }

  async digestsOf(ids: readonly number[]): Promise<string[]> {
    const rows: { digest: string }[] = await this.db.query(`SELECT digest FROM artifact WHERE id = ANY($1::int[])`, [ids]);
    return rows.map((r) => r.digest);
  }

  /**
   * Deletes the artifacts. Their own index references go first: the child foreign key is
   * checked before the parent's cascade would remove them. The repository row is taken first,
   * as pushes and the pull recorder take it before its artifacts and tags (else they deadlock).
   */
  async deleteArtifacts(tx: EntityManager, ids: readonly number[], repositoryId: number): Promise<void> {
    await tx.query(`UPDATE repository SET update_time = now() WHERE repository_id = $1`, [repositoryId]);
    await tx.query(`DELETE FROM artifact_reference WHERE parent_id = ANY($1::int[])`, [ids]);
    await tx.query(`DELETE FROM artifact WHERE id = ANY($1::int[])`, [ids]);
  }
}
