import type { SqlRunner } from './sql';

/**
 * Unlinks from the project the blobs of the deleted artifacts that no artifact still in the
 * project holds, and subtracts their sizes from the project's used storage; returns the bytes
 * released. The quota row is locked first, as the /v2 charge path does, so concurrent pushes
 * and deletes add up. Core's artifact deletes and jobservice's retention both call this.
 */
export async function releaseProjectStorage(tx: SqlRunner, projectId: number, digests: readonly string[]): Promise<number> {
  if (digests.length === 0) return 0;
  await tx.query(`SELECT 1 FROM quota WHERE reference = 'project' AND reference_id = $1 FOR UPDATE`, [String(projectId)]);
  const rows = await tx.query<{ bytes: string }>(
    `WITH gone AS (
       SELECT b.id, b.size FROM blob b JOIN project_blob pb ON pb.blob_id = b.id AND pb.project_id = $1
       WHERE b.digest IN (SELECT ab.digest_blob FROM artifact_blob ab WHERE ab.digest_af = ANY($2::varchar[]))
         AND NOT EXISTS (SELECT 1 FROM artifact_blob ab JOIN artifact a ON a.digest = ab.digest_af AND a.project_id = $1
                         WHERE ab.digest_blob = b.digest)
     ), unlinked AS (
       DELETE FROM project_blob pb USING gone WHERE pb.project_id = $1 AND pb.blob_id = gone.id RETURNING gone.size
     )
     SELECT COALESCE(sum(size), 0)::bigint AS bytes FROM unlinked`,
    [projectId, digests],
  );
  const bytes = Number(rows[0].bytes);
  if (bytes > 0) {
    await tx.query(
      `UPDATE quota SET used_storage = GREATEST(used_storage - $2, 0), update_time = now() WHERE reference = 'project' AND reference_id = $1`,
      [String(projectId), bytes],
    );
  }
  return bytes;
}
