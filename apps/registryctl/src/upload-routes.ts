import { purgeUploads, type StorageDriver } from '@harbor-ts/storage';
import { Router } from 'express';
import { CtlError } from './errors';

/**
 * POST /api/registry/uploads/purge {"olderThanMs": n, "dryRun": bool} -> {"scanned","purged"}:
 * removes upload sessions abandoned for longer than olderThanMs (the registry's own upload
 * purging, run on demand by GC).
 */
export function uploadRoutes(driver: StorageDriver): Router {
  const router = Router();
  router.post('/api/registry/uploads/purge', async (req, res) => {
    const body = (req.body ?? {}) as { olderThanMs?: unknown; dryRun?: unknown };
    const age = body.olderThanMs;
    if (typeof age !== 'number' || !Number.isFinite(age) || age < 0) {
      throw new CtlError(400, 'BAD_REQUEST', '"olderThanMs" must be a number of milliseconds >= 0');
    }
    if (body.dryRun !== undefined && typeof body.dryRun !== 'boolean') throw new CtlError(400, 'BAD_REQUEST', '"dryRun" must be a boolean');
    const result = await purgeUploads(driver, age, { dryRun: body.dryRun === true });
    res.json({ scanned: result.scanned, purged: result.purged.length, dryRun: body.dryRun === true });
  });
  return router;
}
