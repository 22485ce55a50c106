import type { Pool, PoolClient } from 'pg';

export type Db = Pool | PoolClient;

/**
 * "Some artifact still needs this digest", as SQL over a digest expression: an artifact is
 * that manifest, or holds the digest through artifact_blob (its config, layers and its own
 * manifest; index children and accessories are artifacts with rows of their own). artifact_blob
 * rows whose artifact is gone hold nothing.
 */
export function isReferenced(digest: string): string {
  return `(EXISTS (SELECT 1 FROM artifact ra WHERE ra.digest = ${digest})
    OR EXISTS (SELECT 1 FROM artifact_blob rab JOIN artifact ra ON ra.digest = rab.digest_af WHERE rab.digest_blob = ${digest}))`;
}

/**
 * Locks the quota rows of `projectIds` in one order (every GC transaction takes them first, as
 * core's push path does), so GC workers and pushes queue instead of deadlocking.
 */
export async function lockQuotas(client: PoolClient, projectIds: readonly number[]): Promise<void> {
  if (projectIds.length === 0) return;
  await client.query(
    `SELECT 1 FROM quota WHERE reference = 'project' AND reference_id = ANY($1::varchar[]) ORDER BY reference_id FOR UPDATE`,
    [[...new Set(projectIds)].map(String)],
  );
}

/** Subtracts freed bytes from each project's used storage (never below zero). */
export async function releaseQuota(client: PoolClient, freed: readonly { project_id: number; bytes: string | number }[]): Promise<void> {
  if (freed.length === 0) return;
  await client.query(
    `UPDATE quota q SET used_storage = GREATEST(q.used_storage - d.bytes, 0), update_time = now()
     FROM unnest($1::varchar[], $2::bigint[]) AS d(ref, bytes) WHERE q.reference = 'project' AND q.reference_id = d.ref`,
    [freed.map((f) => String(f.project_id)), freed.map((f) => String(f.bytes))],
  );
}
