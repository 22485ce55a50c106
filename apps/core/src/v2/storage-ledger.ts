import { Injectable } from '@nestjs/common';
import { BLOB_LOCK_ORDER } from '@harbor-ts/jobs';
import { OciError } from '@harbor-ts/oci';
import { DataSource, type EntityManager } from 'typeorm';

export interface BlobSize {
  digest: string;
  size: number;
  contentType?: string;
}

/**
 * A project's storage usage: the blobs linked to it, each counted once. Checked before a
 * write is forwarded and charged after it succeeds, with the quota row locked so concurrent
 * charges add up.
 */
@Injectable()
export class StorageLedger {
  constructor(private readonly db: DataSource) {}

  /** Bytes the blobs would add: those not linked to the project yet. */
  async unlinkedBytes(projectId: number, blobs: readonly BlobSize[]): Promise<number> {
    if (blobs.length === 0) return 0;
    const rows: { digest: string }[] = await this.db.query(
      `SELECT b.digest FROM blob b JOIN project_blob pb ON pb.blob_id = b.id AND pb.project_id = $1 WHERE b.digest = ANY($2)`,
      [projectId, blobs.map((b) => b.digest)],
    );
    const linked = new Set(rows.map((r) => r.digest));
    const seen = new Set<string>();
    return blobs.filter((b) => !linked.has(b.digest) && !seen.has(b.digest) && seen.add(b.digest)).reduce((sum, b) => sum + b.size, 0);
  }

  /**
   * Throws DENIED with Harbor's message when adding the blobs would pass the project's hard
   * limit. The blobs are worked out only when there is a limit: most projects have none, and
   * sizing a blob costs the registry a request.
   */
  async checkRoom(projectId: number, blobs: () => Promise<readonly BlobSize[]>): Promise<void> {
    const rows: { hard: string; used: string }[] = await this.db.query(
      `SELECT hard_storage AS hard, used_storage AS used FROM quota WHERE reference = 'project' AND reference_id = $1`,
      [String(projectId)],
    );
    const quota = rows[0];
    if (!quota || Number(quota.hard) < 0) return;
    const bytes = await this.unlinkedBytes(projectId, await blobs());
    if (bytes > 0 && Number(quota.used) + bytes > Number(quota.hard)) throw quotaExceeded(bytes, Number(quota.used), Number(quota.hard));
  }

  /**
   * Takes the blobs a manifest needs back from GC before the manifest is stored: bumping the
   * version (and update_time, restarting GC's time window) makes a mark GC already made stale,
   * so its step to 'deleting' fails. A blob already 'deleting' is past saving: its content is
   * going, so the push is refused as if the blob were missing, and the client re-uploads it.
   */
  async claim(digests: readonly string[]): Promise<void> {
    if (digests.length === 0) return;
    // One statement; the SELECT sees the rows as they were, and the UPDATE leaves 'deleting' ones
    // alone. The rows are locked in BLOB_LOCK_ORDER first.
    const [doomed]: { digest: string }[] = await this.db.query(
      `WITH locked AS MATERIALIZED (
         SELECT id FROM blob WHERE digest = ANY($1) AND status <> 'deleting' ORDER BY ${BLOB_LOCK_ORDER} FOR NO KEY UPDATE),
       claimed AS (
         UPDATE blob b SET version = b.version + 1, update_time = now(), status = 'none' FROM locked WHERE b.id = locked.id)
       SELECT digest FROM blob WHERE digest = ANY($1) AND status = 'deleting' LIMIT 1`,
      [[...new Set(digests)]],
    );
    if (doomed) throw OciError.of('MANIFEST_BLOB_UNKNOWN', { digest: doomed.digest }, `blob ${doomed.digest} is being deleted by garbage collection; push it again`);
  }

  /** Links the blobs to the project and adds the newly linked bytes to its usage; like claim(), re-referencing a blob bumps its version. */
  async charge(tx: EntityManager, projectId: number, blobs: readonly BlobSize[]): Promise<void> {
    if (blobs.length === 0) return;
    await tx.query(`SELECT 1 FROM quota WHERE reference = 'project' AND reference_id = $1 FOR UPDATE`, [String(projectId)]);
    await tx.query(
      `INSERT INTO blob (digest, size, content_type)
       SELECT * FROM unnest($1::varchar[], $2::bigint[], $3::varchar[]) AS u(digest, size, content_type) ORDER BY ${BLOB_LOCK_ORDER}
       ON CONFLICT (digest) DO UPDATE SET update_time = now(), version = blob.version + 1, status = 'none' WHERE blob.status <> 'deleting'`,
      [blobs.map((b) => b.digest), blobs.map((b) => b.size), blobs.map((b) => b.contentType ?? '')],
    );
    const added: { size: string }[] = await tx.query(
      `INSERT INTO project_blob (project_id, blob_id) SELECT $1, id FROM blob WHERE digest = ANY($2)
       ON CONFLICT (project_id, blob_id) DO NOTHING RETURNING (SELECT size FROM blob WHERE id = blob_id) AS size`,
      [projectId, blobs.map((b) => b.digest)],
    );
    const bytes = added.reduce((sum, r) => sum + Number(r.size), 0);
    if (bytes > 0) {
      await tx.query(`UPDATE quota SET used_storage = used_storage + $2, update_time = now() WHERE reference = 'project' AND reference_id = $1`, [String(projectId), bytes]);
    }
  }
}

/** Harbor: "adding X of storage resource, which when updated to current usage of Y will exceed the configured upper limit of Z." */
export function quotaExceeded(adding: number, used: number, hard: number): OciError {
  const message = `Quota exceeded when processing the request of adding ${humanSize(adding)} of storage resource, which when updated to current usage of ${humanSize(used)} will exceed the configured upper limit of ${humanSize(hard)}.`;
  return OciError.of('DENIED', undefined, message);
}

export function humanSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${Number(value.toFixed(i === 0 ? 0 : 2))} ${units[i]}`;
}
