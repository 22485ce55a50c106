import { OciError } from '@harbor-ts/oci';
import { isNotFound, type StorageDriver } from './driver/driver';
import { layout } from './layout';

export interface BlobInfo {
  digest: string;
  size: number;
}

/**
 * The global, content-addressed store. Every repository's blobs and manifests live here once;
 * repositories only hold links to them (see RepositoryStore), so a repository never sees a blob
 * that was not pushed or mounted into it.
 */
export class BlobStore {
  constructor(private readonly driver: StorageDriver) {}

  async stat(digest: string): Promise<BlobInfo | undefined> {
    try {
      const info = await this.driver.stat(layout.blobData(digest));
      return info.isDirectory ? undefined : { digest, size: info.size };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async get(digest: string): Promise<Buffer> {
    try {
      return await this.driver.getContent(layout.blobData(digest));
    } catch (err) {
      if (isNotFound(err)) throw OciError.of('BLOB_UNKNOWN', { digest });
      throw err;
    }
  }

  /** See StorageDriver.pump: the allocation-free way to send a blob somewhere. */
  async pump(digest: string, offset: number, length: number, sink: (chunk: Buffer) => Promise<void>): Promise<void> {
    try {
      await this.driver.pump(layout.blobData(digest), offset, length, sink);
    } catch (err) {
      if (isNotFound(err)) throw OciError.of('BLOB_UNKNOWN', { digest });
      throw err;
    }
  }

  /** Stores small content whose digest the caller computed from these very bytes (manifests). */
  async putVerified(digest: string, content: Buffer): Promise<void> {
    if (await this.stat(digest)) return;
    await this.driver.putContent(layout.blobData(digest), content);
  }

  /**
   * Moves a verified upload into place. Content addressing makes a race harmless: when two
   * uploads of the same blob commit at once, both renames are atomic and carry identical bytes.
   */
  async adopt(digest: string, sourcePath: string): Promise<void> {
    if (await this.stat(digest)) {
      await this.driver.delete(sourcePath).catch(() => undefined);
      return;
    }
    await this.driver.move(sourcePath, layout.blobData(digest));
  }
}
