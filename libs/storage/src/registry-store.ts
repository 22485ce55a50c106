import { BlobStore } from './blob-store';
import { CatalogIndex, type CatalogPage } from './catalog-index';
import type { StorageDriver } from './driver/driver';
import { ManifestMetaCache } from './manifest-meta-cache';
import { TagListCache } from './tag-list-cache';
import { RepositoryStore } from './repository-store';
import { UploadSessions } from './upload-store';

/** Entry point of the storage layer: `new RegistryStore(driver).repository(name)`. */
export class RegistryStore {
  readonly blobs: BlobStore;
  private readonly metaCache = new ManifestMetaCache();
  private readonly sessions = new UploadSessions();
  private readonly catalogIndex: CatalogIndex;
  private readonly tagLists = new TagListCache();

  constructor(
    readonly driver: StorageDriver,
    options: { catalogMaxAgeMs?: number } = {},
  ) {
    this.blobs = new BlobStore(driver);
    this.catalogIndex = new CatalogIndex(driver, options.catalogMaxAgeMs);
  }

  /** `name` must already be a valid repository name (see assertRepositoryName). */
  repository(name: string): RepositoryStore {
    return new RepositoryStore(this.driver, this.blobs, this.metaCache, this.sessions, this.tagLists, name, () => this.catalogIndex.note(name));
  }

  catalog(limit: number, last?: string): Promise<CatalogPage> {
    return this.catalogIndex.page(limit, last);
  }
}
