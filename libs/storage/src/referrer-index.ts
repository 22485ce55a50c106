import { isDigest, type Descriptor } from '@harbor-ts/oci';
import { isNotFound, type StorageDriver } from './driver/driver';
import { layout } from './layout';

/**
 * Referrers of each subject in one repository. A manifest pushed with a `subject` is recorded
 * under that subject with its descriptor, so the referrers API lists without reading manifests.
 */
export class ReferrerIndex {
  constructor(
    private readonly driver: StorageDriver,
    private readonly name: string,
  ) {}

  async add(subject: string, descriptor: Descriptor): Promise<void> {
    await this.driver.putContent(layout.referrerLink(this.name, subject, descriptor.digest), JSON.stringify(descriptor));
  }

  async remove(subject: string, digest: string): Promise<void> {
    await this.driver.delete(layout.referrerDir(this.name, subject, digest)).catch((err) => {
      if (!isNotFound(err)) throw err;
    });
  }

  /** Descriptors of the manifests whose subject is `subject`, optionally of one artifactType. */
  async list(subject: string, artifactType?: string): Promise<Descriptor[]> {
    const found: Descriptor[] = [];
    for (const algorithmDir of await this.listOrEmpty(layout.referrers(this.name, subject))) {
      const algorithm = basename(algorithmDir);
      for (const entry of await this.listOrEmpty(algorithmDir)) {
        const digest = `${algorithm}:${basename(entry)}`;
        if (!isDigest(digest)) continue; // not ours: never let a stray file fail the listing
        const descriptor = await this.read(layout.referrerLink(this.name, subject, digest));
        if (descriptor && (!artifactType || descriptor.artifactType === artifactType)) found.push(descriptor);
      }
    }
    return found;
  }

  private async read(path: string): Promise<Descriptor | undefined> {
    try {
      return JSON.parse((await this.driver.getContent(path)).toString()) as Descriptor;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  private async listOrEmpty(path: string): Promise<string[]> {
    return this.driver.list(path).catch((err) => {
      if (isNotFound(err)) return [];
      throw err;
    });
  }
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
