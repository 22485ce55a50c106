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

  /**
   * A directory holding `_layers` or `_manifests` is a repository; `_`-prefixed directories are
   * its internals, and every other child is a directory of nested names. Only `list` is used
   * (one readdir per directory, no stat per entry), siblings in parallel.
   */
  async repositoryNames(): Promise<string[]> {
    const names: string[] = [];
    await this.collectRepositories(REPOSITORIES, names);
    return names;
  }

  private async collectRepositories(dir: string, into: string[]): Promise<void> {
    const children = await this.driver.list(dir).catch((err) => {
      if (isNotFound(err)) return [];
      throw err;
    });
    const bases = children.map((child) => child.slice(child.lastIndexOf('/') + 1));
    if (dir !== REPOSITORIES && bases.some((b) => b === '_layers' || b === '_manifests')) {
      into.push(dir.slice(REPOSITORIES.length + 1));
    }
    await Promise.all(children.filter((_, i) => !bases[i].startsWith('_')).map((child) => this.collectRepositories(child, into)));
  }
}
