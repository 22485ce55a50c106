import { BoundedMap } from './bounded-map';

/** What GET/HEAD need to answer for a manifest without reading it again. */
export interface ManifestMeta {
  mediaType: string;
  size: number;
}

/**
 * Manifests are immutable per digest, so what we learned about one never goes stale; the
 * cache only saves a read and a JSON parse per request.
 */
export class ManifestMetaCache extends BoundedMap<string, ManifestMeta> {
  constructor(capacity = 50_000) {
    super(capacity);
  }
}
