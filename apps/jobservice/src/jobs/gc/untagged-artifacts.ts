import type { Pool } from 'pg';
import type { RegistryctlClient } from './registryctl-client';
import { lockQuotas, releaseQuota } from './references';
import { inTransaction } from '../../db';

export interface UntaggedArtifact {
  id: number;
  project_id: number;
  repository_name: string;
  digest: string;
}

/**
 * An untagged artifact may go when it is older than the time window and nothing keeps it: no
 * tag, not a child of an index, not an accessory of a subject. Deleting a batch can free more
 * (an index's children, a subject's accessories), which the next select picks up.
 */
const DELETABLE = `a.push_time < $1
  AND NOT EXISTS (SELECT 1 FROM tag t WHERE t.artifact_id = a.id)
  AND NOT EXISTS (SELECT 1 FROM artifact_reference r WHERE r.child_id = a.id)
  AND NOT EXISTS (SELECT 1 FROM artifact_accessory x WHERE x.artifact_id = a.id)`;

export async function selectDeletable(db: Pool, cutoff: Date, limit: number): Promise<UntaggedArtifact[]> {
  const { rows } = await db.query<UntaggedArtifact>(
    `SELECT a.id, a.project_id, a.repository_name, a.digest FROM artifact a WHERE ${DELETABLE} ORDER BY a.id LIMIT $2`,
    [cutoff, limit],
  );
  return rows;
}

/**
 * What a full run would delete, for the dry run: everything outside the closure of what is
 * kept (tagged or recent artifacts, their index children and accessories, transitively).
 */
export async function countDeletable(db: Pool, cutoff: Date): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `WITH RECURSIVE edges AS (
       SELECT parent_id AS holder, child_id AS held FROM artifact_reference
       UNION ALL SELECT subject_artifact_id, artifact_id FROM artifact_accessory
     ), kept AS (
       SELECT a.id FROM artifact a WHERE a.push_time >= $1 OR EXISTS (SELECT 1 FROM tag t WHERE t.artifact_id = a.id)
       UNION SELECT e.held FROM edges e JOIN kept k ON k.id = e.holder
     )
     SELECT count(*) AS n FROM artifact a WHERE NOT EXISTS (SELECT 1 FROM kept k WHERE k.id = a.id)`,
    [cutoff],
  );
  return Number(rows[0].n);
}

/**
 * Deletes a batch in one transaction, re-checking every condition in the DELETE itself (a
 * push may have tagged one meanwhile): the artifact rows, the project links to blobs no
 * artifact left in the project holds (and their bytes from the quota, as core's artifact
 * deletion does), and the artifact_blob rows of digests no artifact has any more. The
 * advisory lock per digest is the one core's recorder takes before it links blobs, so a push
 * of the same digest elsewhere cannot lose its artifact_blob rows to this delete.
 */
export async function deleteBatch(db: Pool, batch: readonly UntaggedArtifact[], cutoff: Date): Promise<UntaggedArtifact[]> {
  return inTransaction(db, async (client) => {
    await lockQuotas(client, batch.map((a) => a.project_id));
    const digests = [...new Set(batch.map((a) => a.digest))].sort();
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('artifact_blob:' || d)) FROM unnest($1::varchar[]) AS d ORDER BY d`, [digests]);
    const { rows: deleted } = await client.query<UntaggedArtifact>(
      `DELETE FROM artifact a WHERE a.id = ANY($2::int[]) AND ${DELETABLE} RETURNING a.id, a.project_id, a.repository_name, a.digest`,
      [cutoff, batch.map((a) => a.id)],
    );
    if (deleted.length === 0) return deleted;
    const { rows: freed } = await client.query<{ project_id: number; bytes: string }>(
      `WITH gone AS (
         SELECT DISTINCT pb.id, pb.project_id, b.size FROM unnest($1::int[], $2::varchar[]) AS d(project_id, digest)
         JOIN artifact_blob ab ON ab.digest_af = d.digest
         JOIN blob b ON b.digest = ab.digest_blob
         JOIN project_blob pb ON pb.blob_id = b.id AND pb.project_id = d.project_id
         WHERE NOT EXISTS (SELECT 1 FROM artifact_blob ab2 JOIN artifact a ON a.digest = ab2.digest_af AND a.project_id = pb.project_id
                           WHERE ab2.digest_blob = b.digest)
       ), unlinked AS (DELETE FROM project_blob p USING gone WHERE p.id = gone.id RETURNING gone.project_id, gone.size)
       SELECT project_id, sum(size)::bigint AS bytes FROM unlinked GROUP BY project_id`,
      [deleted.map((a) => a.project_id), deleted.map((a) => a.digest)],
    );
    await releaseQuota(client, freed);
    await client.query(
      `DELETE FROM artifact_blob ab WHERE ab.digest_af = ANY($1::varchar[]) AND NOT EXISTS (SELECT 1 FROM artifact a WHERE a.digest = ab.digest_af)`,
      [[...new Set(deleted.map((a) => a.digest))]],
    );
    return deleted;
  });
}

/** The deleted artifacts' manifests leave the registry; a tag a push put there meanwhile keeps its manifest. */
export async function deleteManifests(registryctl: RegistryctlClient, deleted: readonly UntaggedArtifact[]): Promise<number> {
  if (deleted.length === 0) return 0;
  const results = await registryctl.deleteManifests(deleted.map((a) => ({ repository: a.repository_name, digest: a.digest })), { keepTagged: true });
  return results.filter((r) => r.deleted).length;
}
