import { BLOB_LOCK_ORDER } from '@harbor-ts/jobs';
import type { Pool } from 'pg';
import type { Candidate, StorageOrphan } from './blob-candidates';
import { isReferenced, lockQuotas, releaseQuota } from './references';
import type { RegistryctlClient } from './registryctl-client';
import { inTransaction } from '../../db';

/**
 * Blob status, as Harbor's: 'none' (in use or unknown), 'delete' (marked by GC), 'deleting'
 * (being removed from storage). Every transition checks and bumps `version`; core's push path
 * bumps it (and resets 'none') whenever a blob is referenced again, which makes GC let go.
 */

/** Marks the candidates 'delete' where nobody touched them since the mark read them. */
export async function markForDeletion(db: Pool, candidates: readonly Candidate[]): Promise<Candidate[]> {
  if (candidates.length === 0) return [];
  const { rows } = await db.query<{ id: number; digest: string; size: string; version: string }>(
    `WITH locked AS MATERIALIZED (SELECT id FROM blob WHERE id = ANY($1::int[]) ORDER BY ${BLOB_LOCK_ORDER} FOR NO KEY UPDATE)
     UPDATE blob b SET status = CASE WHEN b.status = 'deleting' THEN 'deleting' ELSE 'delete' END, version = b.version + 1
     FROM locked, unnest($1::int[], $2::bigint[]) AS c(id, version)
     WHERE b.id = locked.id AND b.id = c.id AND b.version = c.version
     RETURNING b.id, b.digest, b.size, b.version`,
    [candidates.map((c) => c.id), candidates.map((c) => c.version)],
  );
  return rows.map((r) => ({ id: r.id, digest: r.digest, size: Number(r.size), version: Number(r.version) }));
}

/**
 * Gives storage orphans a row in status 'delete', so the push path sees them like any other
 * blob: a push that uploads or references one meanwhile creates/bumps the row and GC lets go.
 * The row is dated by the data's mtime, so a stopped run leaves it to the next one.
 */
export async function claimOrphans(db: Pool, orphans: readonly StorageOrphan[]): Promise<Candidate[]> {
  if (orphans.length === 0) return [];
  const { rows } = await db.query<{ id: number; digest: string; size: string; version: string }>(
    `INSERT INTO blob (digest, size, status, version, creation_time, update_time)
     SELECT digest, size, 'delete', 0, mtime, mtime FROM unnest($1::varchar[], $2::bigint[], $3::timestamptz[]) AS o(digest, size, mtime)
     ORDER BY ${BLOB_LOCK_ORDER}
     ON CONFLICT (digest) DO NOTHING RETURNING id, digest, size, version`,
    [orphans.map((o) => o.digest), orphans.map((o) => o.size), orphans.map((o) => o.mtime)],
  );
  return rows.map((r) => ({ id: r.id, digest: r.digest, size: Number(r.size), version: Number(r.version) }));
}

export interface BatchOutcome {
  deletedBlobs: number;
  freedBytes: number;
  /** Candidates a push re-referenced (version moved, or an artifact holds them now): kept. */
  kept: number;
}

/**
 * One sweep batch. The step to 'deleting' re-checks the version and the references in the same
 * UPDATE, the point after which a push no longer wins (core refuses 'deleting' blobs); then
 * registryctl removes the content, then the rows, links and quota go in one transaction.
 */
export async function sweepBatch(db: Pool, registryctl: RegistryctlClient, batch: readonly Candidate[]): Promise<BatchOutcome> {
  const { rows: doomed } = await db.query<{ id: number; digest: string }>(
    `WITH locked AS MATERIALIZED (SELECT id FROM blob WHERE id = ANY($1::int[]) ORDER BY ${BLOB_LOCK_ORDER} FOR NO KEY UPDATE)
     UPDATE blob b SET status = 'deleting', version = b.version + 1
     FROM locked, unnest($1::int[], $2::bigint[]) AS c(id, version)
     WHERE b.id = locked.id AND b.id = c.id AND b.version = c.version AND b.status IN ('delete', 'deleting') AND NOT ${isReferenced('b.digest')}
     RETURNING b.id, b.digest`,
    [batch.map((c) => c.id), batch.map((c) => c.version)],
  );
  if (doomed.length === 0) return { deletedBlobs: 0, freedBytes: 0, kept: batch.length };
  const results = await registryctl.deleteBlobs(doomed.map((d) => d.digest));
  await deleteRows(db, doomed.map((d) => d.id));
  return {
    deletedBlobs: results.filter((r) => r.deleted).length,
    freedBytes: results.reduce((sum, r) => sum + r.size, 0),
    kept: batch.length - doomed.length,
  };
}

async function deleteRows(db: Pool, ids: readonly number[]): Promise<void> {
  await inTransaction(db, async (client) => {
    const { rows: projects } = await client.query<{ project_id: number }>(
      `SELECT DISTINCT project_id FROM project_blob WHERE blob_id = ANY($1::int[])`,
      [ids],
    );
    await lockQuotas(client, projects.map((p) => p.project_id));
    await client.query(`SELECT 1 FROM blob WHERE id = ANY($1::int[]) ORDER BY ${BLOB_LOCK_ORDER} FOR UPDATE`, [ids]);
    const { rows: freed } = await client.query<{ project_id: number; bytes: string }>(
      `WITH unlinked AS (
         DELETE FROM project_blob pb USING blob b WHERE pb.blob_id = b.id AND b.id = ANY($1::int[]) AND b.status = 'deleting'
         RETURNING pb.project_id, b.size)
       SELECT project_id, sum(size)::bigint AS bytes FROM unlinked GROUP BY project_id`,
      [ids],
    );
    await releaseQuota(client, freed);
    await client.query(`DELETE FROM blob WHERE id = ANY($1::int[]) AND status = 'deleting'`, [ids]);
  });
}
