import {
  describeStoredManifest,
  digestOf,
  isOciError,
  OciError,
  parseDigest,
  parseManifest,
  referrerDescriptor,
  requiredBlobs,
  requiredManifests,
  type Descriptor,
  type ParsedManifest,
  type Reference,
} from '@harbor-ts/oci';
import type { BlobInfo, BlobStore } from './blob-store';
import { isNotFound, type StorageDriver } from './driver/driver';
import { layout } from './layout';
import type { ManifestMetaCache } from './manifest-meta-cache';
import { ReferrerIndex } from './referrer-index';
import type { TagListCache } from './tag-list-cache';
import { TagStore } from './tag-store';
import { runLimited } from './run-limited';
import { UploadStore, type UploadSessions } from './upload-store';

const REFERENCE_CHECK_CONCURRENCY = 16;

export interface StoredManifest {
  digest: string;
  mediaType: string;
  size: number;
}

export interface PutManifestResult {
  digest: string;
  mediaType: string;
  /** The subject's digest when the manifest has one (answered as OCI-Subject). */
  subject?: string;
}

/** One repository's view of the registry: its blob links, manifests, tags, uploads and referrers. */
export class RepositoryStore {
  readonly uploads: UploadStore;
  readonly tags: TagStore;
  readonly referrers: ReferrerIndex;

  constructor(
    private readonly driver: StorageDriver,
    private readonly blobs: BlobStore,
    private readonly metaCache: ManifestMetaCache,
    sessions: UploadSessions,
    tagLists: TagListCache,
    readonly name: string,
    /** Called whenever content is linked here, so the catalog knows the repository exists. */
    private readonly noteContent: () => void = () => undefined,
  ) {
    this.uploads = new UploadStore(sessions, driver, blobs, name, (digest) => this.linkBlob(digest));
    this.tags = new TagStore(driver, name, tagLists);
    this.referrers = new ReferrerIndex(driver, name);
  }

  async exists(): Promise<boolean> {
    return this.driver.stat(layout.repository(this.name)).then((i) => i.isDirectory, () => false);
  }

  /** A blob is visible here only when it is linked into this repository and still stored. */
  async findBlob(digest: string): Promise<BlobInfo | undefined> {
    if (!(await this.isLinked(layout.layerLink(this.name, digest)))) return undefined;
    return this.blobs.stat(digest);
  }

  async statBlob(digest: string): Promise<BlobInfo> {
    const info = await this.findBlob(digest);
    if (!info) throw OciError.of('BLOB_UNKNOWN', { digest });
    return info;
  }

  /** Sends a blob's bytes to `sink` (see StorageDriver.pump); check visibility with statBlob first. */
  pumpBlob(digest: string, offset: number, length: number, sink: (chunk: Buffer) => Promise<void>): Promise<void> {
    return this.blobs.pump(digest, offset, length, sink);
  }

  async linkBlob(digest: string): Promise<void> {
    await this.driver.putContent(layout.layerLink(this.name, digest), digest);
    this.noteContent();
  }

  /** Removes the link only; the content stays for other repositories until garbage collection. */
  async deleteBlob(digest: string): Promise<void> {
    await this.statBlob(digest);
    await this.driver.delete(layout.layerDir(this.name, digest));
  }

  /** Cross-repository mount: links a blob the source repository can see; undefined when it cannot. */
  async mountBlob(digest: string, source: RepositoryStore): Promise<BlobInfo | undefined> {
    const info = await source.findBlob(digest);
    if (info) await this.linkBlob(digest);
    return info;
  }

  /** Resolves a tag or digest to the digest of a manifest stored in this repository. */
  async resolve(reference: Reference): Promise<string> {
    const digest = reference.kind === 'tag' ? await this.tags.resolve(reference.tag) : reference.digest.digest;
    if (!(await this.isLinked(layout.revisionLink(this.name, digest)))) {
      throw OciError.of('MANIFEST_UNKNOWN', { reference: reference.kind === 'tag' ? reference.tag : digest });
    }
    return digest;
  }

  async statManifest(reference: Reference): Promise<StoredManifest> {
    const digest = await this.resolve(reference);
    const cached = this.metaCache.get(digest);
    if (cached) return { digest, ...cached };
    const content = await this.readManifestBlob(digest);
    return this.remember(digest, describeStoredManifest(content).mediaType, content.length);
  }

  /** Serves stored bytes as they are: reads describe a manifest, they never re-validate it. */
  async getManifest(reference: Reference): Promise<StoredManifest & { content: Buffer }> {
    const digest = await this.resolve(reference);
    const content = await this.readManifestBlob(digest);
    const meta = this.metaCache.get(digest) ?? this.remember(digest, describeStoredManifest(content).mediaType, content.length);
    return { ...meta, digest, content };
  }

  async putManifest(reference: Reference, content: Buffer, contentType?: string, maxBytes?: number): Promise<PutManifestResult> {
    const manifest = parseManifest(content, contentType, maxBytes);
    const algorithm = reference.kind === 'digest' ? reference.digest.algorithm : 'sha256';
    const digest = digestOf(content, algorithm);
    if (reference.kind === 'digest' && reference.digest.digest !== digest) {
      throw OciError.of('DIGEST_INVALID', { expected: reference.digest.digest, actual: digest });
    }
    await this.assertReferencesExist(manifest);
    await this.blobs.putVerified(digest, content);
    await this.driver.putContent(layout.revisionLink(this.name, digest), digest);
    this.noteContent();
    this.remember(digest, manifest.mediaType, content.length);
    if (manifest.subject) {
      await this.referrers.add(manifest.subject.digest, referrerDescriptor(manifest, digest, content.length));
    }
    if (reference.kind === 'tag') await this.tags.tag(reference.tag, digest);
    return { digest, mediaType: manifest.mediaType, subject: manifest.subject?.digest };
  }

  /** Deletes a manifest by digest: its revision link, every tag on it, and its referrer entry. */
  async deleteManifest(digest: string): Promise<void> {
    const stored = await this.getManifest({ kind: 'digest', digest: parseDigest(digest) });
    const { subject } = describeStoredManifest(stored.content);
    await this.tags.untagDigest(digest);
    if (subject) await this.referrers.remove(subject, digest);
    await this.driver.delete(layout.revisionDir(this.name, digest));
  }

  /** A few checks at a time: a 4 MiB manifest can list ~30k descriptors, and the file-system thread pool is shared. */
  private async assertReferencesExist(manifest: ParsedManifest): Promise<void> {
    const checks = [
      ...requiredBlobs(manifest).map((d) => () => this.assertBlob(d)),
      ...requiredManifests(manifest).map((d) => () => this.assertChildManifest(d)),
    ];
    await runLimited(checks, REFERENCE_CHECK_CONCURRENCY);
  }

  private async assertChildManifest(descriptor: Descriptor): Promise<void> {
    if (!(await this.isLinked(layout.revisionLink(this.name, descriptor.digest)))) {
      throw OciError.of('MANIFEST_BLOB_UNKNOWN', { digest: descriptor.digest });
    }
  }

  private async assertBlob(descriptor: Descriptor): Promise<void> {
    const info = await this.findBlob(descriptor.digest);
    if (!info) throw OciError.of('MANIFEST_BLOB_UNKNOWN', { digest: descriptor.digest });
    if (info.size !== descriptor.size) {
      throw OciError.of('MANIFEST_INVALID', { digest: descriptor.digest, size: descriptor.size, stored: info.size });
    }
  }

  private async readManifestBlob(digest: string): Promise<Buffer> {
    try {
      return await this.blobs.get(digest);
    } catch (err) {
      if (isOciError(err) && err.code === 'BLOB_UNKNOWN') throw OciError.of('MANIFEST_UNKNOWN', { digest });
      throw err;
    }
  }

  private remember(digest: string, mediaType: string, size: number): StoredManifest {
    const meta = { mediaType, size };
    this.metaCache.set(digest, meta);
    return { digest, ...meta };
  }

  private async isLinked(linkPath: string): Promise<boolean> {
    try {
      await this.driver.stat(linkPath);
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }
}
