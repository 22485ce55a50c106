import { isDigest } from '@harbor-ts/oci';
import { isNotFound, type StorageDriver } from '../driver/driver';
import { layout } from '../layout';
import { runLimited } from '../run-limited';
import { gcLayout } from './gc-layout';

export interface StoredBlob {
  digest: string;
  size: number;
  modTime: Date;
}

export interface ListStoredBlobsOptions {
  /** Only blobs whose data was last written before this instant (GC's time window). */
  before?: Date;
  /** Stats in flight at once: the filesystem thread pool is shared with the registry. */
  concurrency?: number;
}

const DEFAULT_CONCURRENCY = 32;

/**
 * Every blob in storage, one batch per `<alg>/<hex[0:2]>` directory so a caller can stream
 * them out while the walk goes on. Entries that are not a valid digest's directory (temp
 * files, strays) are skipped: GC must never act on a name it did not parse.
 */
export async function* listStoredBlobs(driver: StorageDriver, options: ListStoredBlobsOptions = {}): AsyncGenerator<StoredBlob[]> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  for (const algorithmDir of await listOrEmpty(driver, gcLayout.blobsRoot)) {
    const algorithm = basename(algorithmDir);
    for (const prefixDir of await listOrEmpty(driver, algorithmDir)) {
      const digests = (await listOrEmpty(driver, prefixDir)).map((dir) => `${algorithm}:${basename(dir)}`).filter(isDigest);
      const batch = await statAll(driver, digests, concurrency);
      const kept = options.before ? batch.filter((b) => b.modTime.getTime() < options.before!.getTime()) : batch;
      if (kept.length > 0) yield kept;
    }
  }
}

async function statAll(driver: StorageDriver, digests: string[], concurrency: number): Promise<StoredBlob[]> {
  const found: StoredBlob[] = [];
  await runLimited(
    digests.map((digest) => async () => {
      const info = await driver.stat(layout.blobData(digest)).catch((err) => (isNotFound(err) ? undefined : Promise.reject(err)));
      if (info && !info.isDirectory) found.push({ digest, size: info.size, modTime: info.modTime });
    }),
    concurrency,
  );
  return found.sort((a, b) => (a.digest < b.digest ? -1 : 1));
}

async function listOrEmpty(driver: StorageDriver, path: string): Promise<string[]> {
  return driver.list(path).catch((err) => (isNotFound(err) ? [] : Promise.reject(err)));
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
