import { parseDigest } from '@harbor-ts/oci';
import { deleteStoredBlob, deleteStoredBlobs, listStoredBlobs, type StorageDriver } from '@harbor-ts/storage';
import { Router, type Response } from 'express';
import { once } from 'node:events';
import { arrayField, stringOf } from './body';
import { CtlError } from './errors';

/** Digests accepted by one batch delete: big enough to amortise the round trip, small enough to answer quickly. */
export const MAX_BATCH = 1000;

/**
 * Blob content in storage:
 *   DELETE /api/registry/blob/{digest}      Harbor's, one blob (404 when not stored)
 *   POST   /api/registry/blobs/delete       {"digests":[...]} -> {"results":[{digest,deleted,size}]}
 *   GET    /api/registry/blobs?before=<iso> NDJSON, one {"digest","size","mtime"} per line
 */
export function blobRoutes(driver: StorageDriver): Router {
  const router = Router();
  router.delete('/api/registry/blob/:digest', async (req, res) => {
    const result = await deleteStoredBlob(driver, parseDigest(req.params.digest).digest);
    if (!result.deleted) throw new CtlError(404, 'NOT_FOUND', `blob ${result.digest} is not in storage`);
    res.status(200).json(result);
  });
  router.post('/api/registry/blobs/delete', async (req, res) => {
    const digests = arrayField(req.body, 'digests', MAX_BATCH).map((d) => parseDigest(stringOf(d, 'each digest')).digest);
    const results = await deleteStoredBlobs(driver, digests);
    res.json({ results });
  });
  router.get('/api/registry/blobs', async (req, res) => {
    const before = parseBefore(req.query.before);
    res.status(200).type('application/x-ndjson');
    for await (const batch of listStoredBlobs(driver, { before })) {
      if (res.destroyed) return; // the client went away: stop walking
      const lines = batch.map((b) => JSON.stringify({ digest: b.digest, size: b.size, mtime: b.modTime.toISOString() })).join('\n');
      await write(res, `${lines}\n`);
    }
    res.end();
  });
  return router;
}

function parseBefore(value: unknown): Date | undefined {
  if (value === undefined) return undefined;
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw new CtlError(400, 'BAD_REQUEST', `"before" must be an ISO 8601 time, got ${JSON.stringify(value)}`);
  return new Date(time);
}

/** Writes with backpressure: a slow reader slows the walk instead of filling memory. */
async function write(res: Response, text: string): Promise<void> {
  if (!res.write(text)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}
