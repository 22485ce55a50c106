import { assertRepositoryName, describeStoredManifest, isDigest, parseDigest } from '@harbor-ts/oci';
import { isNotFound, type StorageDriver } from '../driver/driver';
import { layout } from '../layout';
import { ReferrerIndex } from '../referrer-index';
import { TagStore } from '../tag-store';

export interface ManifestDeletion {
  repository: string;
  digest: string;
  /** True when the revision link existed and was removed. */
  deleted: boolean;
  /** Tags that pointed at the manifest and were removed with it. */
  tags: string[];
  /** Set when `keepTagged` left the manifest alone because a tag points at it. */
  skipped?: 'tagged';
}

export interface DeleteManifestOptions {
  /** GC's untagged sweep: leave the manifest if a tag points at it in storage (a push got there first). */
  keepTagged?: boolean;
}

/**
 * Removes a manifest revision from one repository: the tags pointing at it, its referrer
 * entry, and the revision link. The manifest's bytes stay in `blobs/` until the blob sweep.
 */
export async function deleteManifestRevision(driver: StorageDriver, repository: string, digest: string, options: DeleteManifestOptions = {}): Promise<ManifestDeletion> {
  assertRepositoryName(repository);
  parseDigest(digest);
  const tags = new TagStore(driver, repository);
  if (options.keepTagged && (await pointingTags(tags, digest)).length > 0) {
    return { repository, digest, deleted: false, tags: [], skipped: 'tagged' };
  }
  const removedTags = await tags.untagDigest(digest);
  const subject = await subjectOf(driver, digest);
  if (subject) await new ReferrerIndex(driver, repository).remove(subject, digest);
  const deleted = await driver.delete(layout.revisionDir(repository, digest)).then(
    () => true,
    (err) => (isNotFound(err) ? false : Promise.reject(err)),
  );
  return { repository, digest, deleted, tags: removedTags };
}

async function pointingTags(tags: TagStore, digest: string): Promise<string[]> {
  const pointing: string[] = [];
  for (const tag of await tags.list()) {
    if ((await tags.resolve(tag).catch(() => undefined)) === digest) pointing.push(tag);
  }
  return pointing;
}

/** The subject of a stored manifest, when its bytes are still there and name one. */
async function subjectOf(driver: StorageDriver, digest: string): Promise<string | undefined> {
  try {
    const { subject } = describeStoredManifest(await driver.getContent(layout.blobData(digest)));
    return subject && isDigest(subject) ? subject : undefined;
  } catch {
    return undefined; // bytes already collected or not a manifest: no referrer entry to find
  }
}
