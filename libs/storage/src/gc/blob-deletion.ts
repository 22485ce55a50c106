import { parseDigest } from '@harbor-ts/oci';
import { isNotFound, type StorageDriver } from '../driver/driver';
import { layout } from '../layout';
import { runLimited } from '../run-limited';
import { gcLayout } from './gc-layout';

export interface BlobDeletion {
  digest: string;
  /** False when the blob was not stored (already collected): deleting is idempotent. */
  deleted: boolean;
  /** Bytes freed (0 when nothing was stored). */
  size: number;
}

/**
 * Removes a blob's content from `blobs/`. Repository links to it (`_layers`) are left: a
 * link without content reads as "blob unknown", and a later push of the same bytes reuses it.
 */
export async function deleteStoredBlob(driver: StorageDriver, digest: string): Promise<BlobDeletion> {
  parseDigest(digest); // refuses anything that is not a digest before a path is built from it
  const info = await driver.stat(layout.blobData(digest)).catch((err) => (isNotFound(err) ? undefined : Promise.reject(err)));
  if (!info) return { digest, deleted: false, size: 0 };
  try {
    await driver.delete(gcLayout.blobDir(digest));
  } catch (err) {
    if (isNotFound(err)) return { digest, deleted: false, size: 0 };
    throw err;
  }
  return { digest, deleted: true, size: info.size };
}

/** Deletes many blobs, `concurrency` at a time; results in the order of `digests`. */
export async function deleteStoredBlobs(driver: StorageDriver, digests: readonly string[], concurrency = 16): Promise<BlobDeletion[]> {
  for (const digest of digests) parseDigest(digest);
  const results: BlobDeletion[] = new Array(digests.length);
  await runLimited(
    digests.map((digest, i) => async () => {
      results[i] = await deleteStoredBlob(driver, digest);
    }),
    concurrency,
  );
  return results;
}
