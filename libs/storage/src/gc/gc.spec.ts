import { digestOf, OCI_IMAGE_MANIFEST, parseDigest } from '@harbor-ts/oci';
import { mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FilesystemDriver } from '../fs/filesystem-driver';
import { layout } from '../layout';
import { RegistryStore } from '../registry-store';
import { deleteStoredBlob, deleteStoredBlobs } from './blob-deletion';
import { deleteManifestRevision } from './manifest-deletion';
import { listStoredBlobs, type StoredBlob } from './stored-blobs';

let root: string;
let driver: FilesystemDriver;
let store: RegistryStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'storage-gc-'));
  driver = new FilesystemDriver({ rootDirectory: root });
  store = new RegistryStore(driver);
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function pushBlob(repository: string, content: string): Promise<string> {
  const repo = store.repository(repository);
  const session = await repo.uploads.create();
  return (await repo.uploads.complete(session.id, digestOf(Buffer.from(content)), Readable.from([Buffer.from(content)]))).digest;
}

async function pushImage(repository: string, tag: string, layerText: string, subject?: { digest: string; size: number }): Promise<string> {
  const config = await pushBlob(repository, `{"config":"${layerText}"}`);
  const layer = await pushBlob(repository, layerText);
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_IMAGE_MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config, size: `{"config":"${layerText}"}`.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layer, size: layerText.length }],
    ...(subject ? { subject: { mediaType: OCI_IMAGE_MANIFEST, ...subject } } : {}),
  }));
  const ref = tag ? { kind: 'tag' as const, tag } : { kind: 'digest' as const, digest: parseDigest(digestOf(manifest)) };
  return (await store.repository(repository).putManifest(ref, manifest, OCI_IMAGE_MANIFEST)).digest;
}

async function collect(options: Parameters<typeof listStoredBlobs>[1] = {}): Promise<StoredBlob[]> {
  const all: StoredBlob[] = [];
  for await (const batch of listStoredBlobs(driver, options)) all.push(...batch);
  return all;
}

describe('listStoredBlobs', () => {
  it('lists every stored blob with its size, and only those older than `before`', async () => {
    const a = await pushBlob('lib/a', 'aaaa');
    const b = await pushBlob('lib/a', 'bbbbbbbb');
    const old = new Date(Date.now() - 3 * 3600_000);
    await utimes(join(root, layout.blobData(a)), old, old);
    const all = await collect();
    expect(all.map((x) => [x.digest, x.size]).sort()).toEqual([[a, 4], [b, 8]].sort());
    const before = await collect({ before: new Date(Date.now() - 3600_000) });
    expect(before.map((x) => x.digest)).toEqual([a]);
  });

  it('answers nothing for an empty storage root and skips names that are not digests', async () => {
    expect(await collect()).toEqual([]);
    await driver.putContent('/docker/registry/v2/blobs/sha256/ab/not-a-digest/data', 'x');
    await driver.putContent('/docker/registry/v2/blobs/md5/ab/abcd/data', 'x');
    expect(await collect()).toEqual([]);
  });
});

describe('deleteStoredBlob', () => {
  it('removes the content, reports the bytes, and is idempotent', async () => {
    const a = await pushBlob('lib/a', 'hello');
    expect(await deleteStoredBlob(driver, a)).toEqual({ digest: a, deleted: true, size: 5 });
    await expect(stat(join(root, layout.blobData(a)))).rejects.toThrow();
    expect(await store.repository('lib/a').findBlob(a)).toBeUndefined();
    expect(await deleteStoredBlob(driver, a)).toEqual({ digest: a, deleted: false, size: 0 });
  });

  it('refuses anything that is not a digest, before touching storage', async () => {
    const a = await pushBlob('lib/a', 'keep me');
    for (const bad of ['sha256:../../x', '../../etc/passwd', 'sha256:' + 'A'.repeat(64), 'md5:abcd']) {
      await expect(deleteStoredBlob(driver, bad)).rejects.toMatchObject({ code: 'DIGEST_INVALID' });
    }
    await expect(deleteStoredBlobs(driver, [a, 'sha256:..'])).rejects.toMatchObject({ code: 'DIGEST_INVALID' });
    expect(await store.blobs.stat(a)).toEqual({ digest: a, size: 7 });
  });

  it('deletes a batch in order', async () => {
    const digests = await Promise.all(['1', '22', '333'].map((t) => pushBlob('lib/a', t)));
    const missing = digestOf('never stored');
    const results = await deleteStoredBlobs(driver, [...digests, missing], 2);
    expect(results.map((r) => [r.deleted, r.size])).toEqual([[true, 1], [true, 2], [true, 3], [false, 0]]);
    expect(await collect()).toEqual([]);
  });
});

describe('deleteManifestRevision', () => {
  it('removes the revision link and the tags pointing at it, and leaves other tags', async () => {
    const m1 = await pushImage('lib/app', 'v1', 'one');
    await store.repository('lib/app').tags.tag('latest', m1);
    const m2 = await pushImage('lib/app', 'v2', 'two');
    const result = await deleteManifestRevision(driver, 'lib/app', m1);
    expect(result).toEqual({ repository: 'lib/app', digest: m1, deleted: true, tags: ['latest', 'v1'] });
    expect(await store.repository('lib/app').tags.list()).toEqual(['v2']);
    await expect(store.repository('lib/app').resolve({ kind: 'digest', digest: parseDigest(m1) })).rejects.toMatchObject({ code: 'MANIFEST_UNKNOWN' });
    expect(await store.repository('lib/app').resolve({ kind: 'digest', digest: parseDigest(m2) })).toBe(m2);
    expect(await deleteManifestRevision(driver, 'lib/app', m1)).toMatchObject({ deleted: false, tags: [] });
  });

  it('with keepTagged leaves a tagged manifest alone', async () => {
    const m1 = await pushImage('lib/app', 'v1', 'one');
    expect(await deleteManifestRevision(driver, 'lib/app', m1, { keepTagged: true })).toMatchObject({ deleted: false, skipped: 'tagged' });
    expect(await store.repository('lib/app').tags.resolve('v1')).toBe(m1);
  });

  it('removes the referrer entry of a manifest with a subject', async () => {
    const subject = await pushImage('lib/app', 'v1', 'one');
    const size = (await store.blobs.stat(subject))!.size;
    const referrer = await pushImage('lib/app', '', 'sig', { digest: subject, size });
    expect((await store.repository('lib/app').referrers.list(subject)).map((d) => d.digest)).toEqual([referrer]);
    await deleteManifestRevision(driver, 'lib/app', referrer);
    expect(await store.repository('lib/app').referrers.list(subject)).toEqual([]);
  });

  it('refuses bad repository names and digests (no path traversal)', async () => {
    const m1 = await pushImage('lib/app', 'v1', 'one');
    for (const name of ['../lib/app', 'lib/../lib/app', 'Lib/App', '/lib/app', 'lib//app']) {
      await expect(deleteManifestRevision(driver, name, m1)).rejects.toMatchObject({ code: 'NAME_INVALID' });
    }
    await expect(deleteManifestRevision(driver, 'lib/app', 'sha256:../../../v1')).rejects.toMatchObject({ code: 'DIGEST_INVALID' });
    expect(await store.repository('lib/app').tags.resolve('v1')).toBe(m1);
  });
});
