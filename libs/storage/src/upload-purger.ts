import { isNotFound, type StorageDriver } from './driver/driver';
import { REPOSITORIES } from './layout';

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
  const sessionDirs: string[] = [];
  try {
    await driver.walk(REPOSITORIES, (info) => {
      if (!info.isDirectory) return 'skip';
      if (info.path.endsWith('/_uploads')) {
        return collect(driver, info.path, sessionDirs).then(() => 'skip' as const);
      }
      return info.path.slice(info.path.lastIndexOf('/') + 1).startsWith('_') ? 'skip' : undefined;
    });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  for (const dir of sessionDirs) {
    result.scanned++;
    if ((await startedAt(driver, dir)) > cutoff) continue;
    result.purged.push(dir);
    if (!options.dryRun) await driver.delete(dir).catch((err) => (isNotFound(err) ? undefined : Promise.reject(err)));
  }
  return result;
}

async function collect(driver: StorageDriver, uploadsDir: string, into: string[]): Promise<void> {
  into.push(...(await driver.list(uploadsDir).catch(() => [])));
}

async function startedAt(driver: StorageDriver, dir: string): Promise<number> {
  try {
    const stamp = Date.parse((await driver.getContent(`${dir}/startedat`)).toString());
    if (!Number.isNaN(stamp)) return stamp;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  return (await driver.stat(dir)).modTime.getTime();
}
