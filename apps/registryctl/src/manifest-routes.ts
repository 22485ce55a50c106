import { assertRepositoryName, parseDigest } from '@harbor-ts/oci';
import { deleteManifestRevision, runLimited, type ManifestDeletion, type StorageDriver } from '@harbor-ts/storage';
import { Router } from 'express';
import { arrayField, stringOf } from './body';
import { MAX_BATCH } from './blob-routes';
import { CtlError } from './errors';

const DELETE_CONCURRENCY = 16;

/**
 * Manifest revisions in repositories (the bytes stay in blobs/ for the blob sweep):
 *   DELETE /api/registry/{name}/manifests/{digest}   Harbor's: the revision link and the tags on it
 *   POST   /api/registry/manifests/delete            {"manifests":[{repository,digest}], "keepTagged": bool}
 */
export function manifestRoutes(driver: StorageDriver): Router {
  const router = Router();
  router.delete(/^\/api\/registry\/(.+)\/manifests\/([^/]+)$/, async (req, res) => {
    const params = req.params as unknown as Record<string, string>;
    const result = await deleteManifestRevision(driver, params[0], parseDigest(params[1]).digest);
    if (!result.deleted) throw new CtlError(404, 'NOT_FOUND', `manifest ${result.digest} is not in ${result.repository}`);
    res.status(200).json(result);
  });
  router.post('/api/registry/manifests/delete', async (req, res) => {
    const keepTagged = (req.body as { keepTagged?: unknown }).keepTagged === true;
    const targets = arrayField(req.body, 'manifests', MAX_BATCH).map((m) => {
      const item = (m ?? {}) as Record<string, unknown>;
      const target = { repository: stringOf(item.repository, 'repository'), digest: parseDigest(stringOf(item.digest, 'digest')).digest };
      assertRepositoryName(target.repository); // every item is checked before anything is deleted
      return target;
    });
    const results: ManifestDeletion[] = new Array(targets.length);
    await runLimited(
      targets.map((t, i) => async () => {
        results[i] = await deleteManifestRevision(driver, t.repository, t.digest, { keepTagged });
      }),
      DELETE_CONCURRENCY,
    );
    res.json({ results });
  });
  return router;
}
