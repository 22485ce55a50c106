import { releaseProjectStorage } from '@harbor-ts/jobs';
import type { PoolClient } from 'pg';

// What core's artifact delete does to the database (artifacts-api/artifact-remover.ts and
// ArtifactsRepository.deleteArtifacts), done by the job: the rows go (tags, accessory links and
// labels cascade), the project drops its links to blobs no remaining artifact of it holds, its
// quota usage shrinks by their sizes, and artifact→blob links of digests no artifact has any
// more go (Harbor's CleanupAssociationsForArtifact). Blob bytes stay for GC.

export async function lockQuota(tx: PoolClient, projectId: number): Promise<void> {
  await tx.query(`SELECT 1 FROM quota WHERE reference = 'project' AND reference_id = $1 FOR UPDATE`, [String(projectId)]);
}

/**
 * Locks the artifact and returns its tags, or undefined when it is already gone. Its repository
 * row is locked first: pushes and core's pull recorder take a repository before its artifacts.
 */
export async function lockedTags(tx: PoolClient, artifactId: number): Promise<string[] | undefined> {
  await tx.query(`SELECT 1 FROM repository WHERE repository_id = (SELECT repository_id FROM artifact WHERE id = $1) FOR NO KEY UPDATE`, [artifactId]);
  const { rows } = await tx.query(`SELECT id FROM artifact WHERE id = $1 FOR UPDATE`, [artifactId]);
  if (rows.length === 0) return undefined;
  const tags = await tx.query(`SELECT name FROM tag WHERE artifact_id = $1 ORDER BY name`, [artifactId]);
  return tags.rows.map((t) => t.name);
}

export async function deleteArtifactRows(tx: PoolClient, ids: readonly number[], repositoryId: number): Promise<void> {
  await tx.query(`UPDATE repository SET update_time = now() WHERE repository_id = $1`, [repositoryId]);
  await tx.query(`DELETE FROM artifact_reference WHERE parent_id = ANY($1::int[])`, [ids]);
  await tx.query(`DELETE FROM artifact WHERE id = ANY($1::int[])`, [ids]);
}

/**
 * Releases the project's usage (libs/jobs releaseProjectStorage), then drops the artifact_blob
 * rows of digests no artifact has any more, as Harbor does.
 */
export async function releaseStorage(tx: PoolClient, projectId: number, digests: readonly string[]): Promise<number> {
  const bytes = await releaseProjectStorage({ query: async (sql, params) => (await tx.query(sql, params ? [...params] : undefined)).rows }, projectId, digests);
  await tx.query(`DELETE FROM artifact_blob ab WHERE ab.digest_af = ANY($1::varchar[]) AND NOT EXISTS (SELECT 1 FROM artifact a WHERE a.digest = ab.digest_af)`, [digests]);
  return bytes;
}
