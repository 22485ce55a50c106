import { routeTemplate } from '@harbor-ts/metrics';
import { parseV2Route } from '@harbor-ts/oci';
import type { IncomingMessage } from 'node:http';

// Harbor names /v2 operations itself (server/middleware/metric); the REST API is labelled by its
// route template, as Harbor labels it by swagger operation.
const V2_OPERATIONS: Record<string, string> = {
  catalog: 'v2_catalog',
  tags: 'v2_tags',
  manifest: 'v2_manifest',
  blob: 'v2_blob',
  uploads: 'v2_blob_upload',
  upload: 'v2_blob_upload',
};

/** The `operation` label of one request to core, read once it has been served. */
export function coreOperation(req: IncomingMessage & { originalUrl?: string }): string {
  const path = (req.originalUrl ?? req.url ?? '/').split('?', 1)[0];
  if (path === '/v2' || path.startsWith('/v2/')) return V2_OPERATIONS[parseV2Route(path.slice(3))?.kind ?? ''] ?? 'v2_others';
  return routeTemplate(req);
}
