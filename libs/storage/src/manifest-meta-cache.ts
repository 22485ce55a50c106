/** What GET/HEAD need to answer for a manifest without parsing it again. */
export interface ManifestMeta {
  mediaType: string;
  size: number;
}

/**
 * Manifests are immutable per digest, so what we learned about one never goes stale; the
 * cache only saves a read and a JSON parse per request. Bounded, oldest entry out first.
 */
export class ManifestMetaCache {
  private readonly entries = new Map<string, ManifestMeta>();

  constructor(private readonly capacity = 50_000) {}

  get(digest: string): ManifestMeta | undefined {
    return this.entries.get(digest);
  }

  set(digest: string, meta: ManifestMeta): void {
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(digest, meta);
  }
}
