import { BlobStore } from './blob-store';
import { isNotFound, type StorageDriver } from './driver/driver';
import { REPOSITORIES } from './layout';
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
    const names = (await this.repositoryNames()).sort().filter((n) => last === undefined || n > last);
    return { names: names.slice(0, limit), more: names.length > limit };
  }

  /** A directory holding `_layers` or `_manifests` is a repository; `_`-prefixed directories are its internals. */
  async repositoryNames(): Promise<string[]> {
    const names: string[] = [];
    try {
      await this.driver.walk(REPOSITORIES, (info) => {
        if (!info.isDirectory) return 'skip';
        const base = info.path.slice(info.path.lastIndexOf('/') + 1);
        if (base === '_layers' || base === '_manifests') {
          const repo = info.path.slice(REPOSITORIES.length + 1, info.path.lastIndexOf('/'));
          if (names[names.length - 1] !== repo) names.push(repo);
        }
        return base.startsWith('_') ? 'skip' : undefined;
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    return names;
  }
}
