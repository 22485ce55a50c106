import type { RegistryConfig } from '@harbor-ts/config';
import { purgeUploads, type StorageDriver } from '@harbor-ts/storage';
import type { Logger } from 'pino';

/** Harbor's upload_purging: every `interval`, remove upload sessions older than `age`. Returns a stop function. */
export function scheduleUploadPurging(driver: StorageDriver, settings: RegistryConfig['uploadPurging'], log: Logger): () => void {
  if (!settings.enabled) return () => undefined;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const result = await purgeUploads(driver, settings.ageMs, { dryRun: settings.dryrun });
      log.info({ scanned: result.scanned, purged: result.purged.length, dryrun: settings.dryrun }, 'upload purge finished');
    } catch (err) {
      log.error({ err }, 'upload purge failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), settings.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
