import { BlobStore } from './blob-store';
import { listRepositoriesSorted } from './catalog';
import type { StorageDriver } from './driver/driver';
import { ManifestMetaCache } from './manifest-meta-cache';
import { RepositoryStore } from './repository-store';
import { UploadSessions } from './upload-store';

export interface CatalogPage {
  /** At most `limit` names after `last`, in lexical order. */
  names: string[];
  /** True when more names follow the page. */
  more: boolean;
}

/** Entry point of the storage layer: `new RegistryStore(driver).repository(name)`. */
export class RegistryStore {
  readonly blobs: BlobStore;
  private readonly metaCache = new ManifestMetaCache();
  private readonly sessions = new UploadSessions();

  constructor(readonly driver: StorageDriver) {
    this.blobs = new BlobStore(driver);
  }

  /** `name` must already be a valid repository name (see assertRepositoryName). */
  repository(name: string): RepositoryStore {
    return new RepositoryStore(this.driver, this.blobs, this.metaCache, this.sessions, name);
  }

  async catalog(limit: number, last?: string): Promise<CatalogPage> {
    const names = await listRepositoriesSorted(this.driver, limit + 1, last);
    return { names: names.slice(0, limit), more: names.length > limit };
  }
}
