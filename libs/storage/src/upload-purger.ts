import { walkRepositoryNames } from './catalog';
import { isNotFound, type StorageDriver } from './driver/driver';
import { layout } from './layout';

export interface PurgeResult {
  /** Upload directories that were (or, in a dry run, would have been) removed. */
  purged: string[];
  scanned: number;
}

/**
 * Removes upload sessions abandoned for longer than `ageMs` (Harbor's upload_purging), as
 * distribution's registry does on a timer. A session's age is its `startedat` time; a session
 * without one (a crash between creating it and writing it) is judged by its directory's mtime.
 */
export async function purgeUploads(driver: StorageDriver, ageMs: number, options: { dryRun?: boolean; now?: Date } = {}): Promise<PurgeResult> {
  const cutoff = (options.now ?? new Date()).getTime() - ageMs;
  const result: PurgeResult = { purged: [], scanned: 0 };
  // Repositories with sessions, including ones whose first push never finished (no content yet).
  for (const name of await walkRepositoryNames(driver, ['_uploads'])) {
    for (const id of await sessionIds(driver, name)) {
      result.scanned++;
      if ((await startedAt(driver, name, id)) > cutoff) continue;
      result.purged.push(layout.upload(name, id));
      if (!options.dryRun) await driver.delete(layout.upload(name, id)).catch((err) => (isNotFound(err) ? undefined : Promise.reject(err)));
    }
  }
  return result;
}

async function sessionIds(driver: StorageDriver, name: string): Promise<string[]> {
  const paths = await driver.list(layout.uploads(name)).catch(() => []);
  return paths.map((p) => p.slice(p.lastIndexOf('/') + 1));
}

async function startedAt(driver: StorageDriver, name: string, id: string): Promise<number> {
  try {
    const stamp = Date.parse((await driver.getContent(layout.uploadStartedAt(name, id))).toString());
    if (!Number.isNaN(stamp)) return stamp;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  // A session finished (or cancelled) while we walked is gone: nothing to purge.
  const info = await driver.stat(layout.upload(name, id)).catch((err) => (isNotFound(err) ? undefined : Promise.reject(err)));
  return info ? info.modTime.getTime() : Number.POSITIVE_INFINITY;
}
