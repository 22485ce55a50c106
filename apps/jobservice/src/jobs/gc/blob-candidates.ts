import type { Pool } from 'pg';
import { isReferenced } from './references';
import type { RegistryctlClient } from './registryctl-client';

/** A blob row GC means to delete, with the version it read (optimistic locking). */
export interface Candidate {
  id: number;
  digest: string;
  size: number;
  version: number;
}

/** A blob in storage the database has no row for, also older than the window. */
export interface StorageOrphan {
  digest: string;
  size: number;
  /** When its data was written: the age its claimed row carries. */
  mtime: string;
}

/**
 * The mark, from PostgreSQL: blob rows no artifact needs, untouched for the whole time window
 * (update_time moves on every re-push, so it protects more than creation_time would).
 */
export async function unreferencedBlobs(db: Pool, cutoff: Date): Promise<Candidate[]> {
  const { rows } = await db.query<{ id: number; digest: string; size: string; version: string }>(
    `SELECT b.id, b.digest, b.size, b.version FROM blob b WHERE b.update_time < $1 AND NOT ${isReferenced('b.digest')} ORDER BY b.id`,
    [cutoff],
  );
  return rows.map((r) => ({ id: r.id, digest: r.digest, size: Number(r.size), version: Number(r.version) }));
}

const LISTING_BATCH = 5000;

/**
 * Blobs in storage older than the window that the database knows nothing about (an upload
 * whose push never finished, content written by another registry): read from registryctl's
 * listing as it streams, checked against the database a few thousand at a time.
 */
export async function storageOrphans(db: Pool, registryctl: RegistryctlClient, cutoff: Date): Promise<StorageOrphan[]> {
  const orphans: StorageOrphan[] = [];
  await registryctl.listBlobs(cutoff, LISTING_BATCH, async (blobs) => {
    const { rows } = await db.query<{ digest: string; size: string; mtime: Date }>(
      `SELECT d.digest, d.size, d.mtime FROM unnest($1::varchar[], $2::bigint[], $3::timestamptz[]) AS d(digest, size, mtime)
       WHERE NOT EXISTS (SELECT 1 FROM blob b WHERE b.digest = d.digest) AND NOT ${isReferenced('d.digest')}`,
      [blobs.map((b) => b.digest), blobs.map((b) => b.size), blobs.map((b) => b.mtime)],
    );
    for (const r of rows) orphans.push({ digest: r.digest, size: Number(r.size), mtime: r.mtime.toISOString() });
  });
  return orphans;
}
