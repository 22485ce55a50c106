import { OciError } from '@harbor-ts/oci';
import { isNotFound, type StorageDriver } from './driver/driver';
import { layout } from './layout';
import type { TagListCache } from './tag-list-cache';

/** Tags of one repository: each a link to a manifest digest, plus the index of every digest it has pointed to. */
export class TagStore {
  constructor(
    private readonly driver: StorageDriver,
    private readonly name: string,
    private readonly cache?: TagListCache,
  ) {}

  async resolve(tag: string): Promise<string> {
    try {
      return (await this.driver.getContent(layout.tagCurrentLink(this.name, tag))).toString();
    } catch (err) {
      if (isNotFound(err)) throw OciError.of('MANIFEST_UNKNOWN', { tag });
      throw err;
    }
  }

  async tag(tag: string, digest: string): Promise<void> {
    await this.driver.putContent(layout.tagIndexLink(this.name, tag, digest), digest);
    await this.driver.putContent(layout.tagCurrentLink(this.name, tag), digest);
    this.cache?.forget(this.name);
  }

  /** OCI 1.1 tag deletion: the manifest stays, reachable by digest. Returns the digest the tag pointed at. */
  async untag(tag: string): Promise<string> {
    const digest = await this.resolve(tag);
    await this.driver.delete(layout.tag(this.name, tag));
    this.cache?.forget(this.name);
    return digest;
  }

  /** Removes every tag currently pointing at `digest` (deleting a manifest takes its tags along). */
  async untagDigest(digest: string): Promise<string[]> {
    const removed: string[] = [];
    for (const tag of await this.list()) {
      const current = await this.resolve(tag).catch(() => undefined);
      if (current !== digest) continue;
      await this.driver.delete(layout.tag(this.name, tag)).catch(() => undefined);
      removed.push(tag);
    }
    this.cache?.forget(this.name);
    return removed;
  }

  /** Tags in lexical order; an empty list for a repository that has none yet. */
  async list(): Promise<string[]> {
    try {
      const dir = await this.driver.stat(layout.tags(this.name));
      const cached = this.cache?.get(this.name, dir);
      if (cached) return cached;
      const paths = await this.driver.list(layout.tags(this.name));
      const tags = paths.map((p) => p.slice(p.lastIndexOf('/') + 1));
      this.cache?.set(this.name, dir, tags);
      return tags;
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
  }
}
