import { digestOf, OciError, OCI_IMAGE_MANIFEST, parseDigest, type Reference } from '@harbor-ts/oci';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FilesystemDriver } from './fs/filesystem-driver';
import { RegistryStore } from './registry-store';
import type { RepositoryStore } from './repository-store';

const tag = (t: string): Reference => ({ kind: 'tag', tag: t });
const byDigest = (d: string): Reference => ({ kind: 'digest', digest: parseDigest(d) });

async function newStore(root?: string): Promise<{ store: RegistryStore; root: string }> {
  const dir = root ?? (await mkdtemp(join(tmpdir(), 'store-')));
  return { store: new RegistryStore(new FilesystemDriver({ rootDirectory: dir })), root: dir };
}

async function pushBlob(repo: RepositoryStore, content: Buffer): Promise<string> {
  const session = await repo.uploads.create();
  return (await repo.uploads.complete(session.id, digestOf(content), Readable.from([content]))).digest;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof OciError) return err.code;
    throw err;
  }
  throw new Error('expected an OciError');
}

function imageManifest(config: Buffer, layer: Buffer, subject?: { digest: string; size: number }): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_IMAGE_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digestOf(config), size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: digestOf(layer), size: layer.length }],
      ...(subject ? { subject: { mediaType: OCI_IMAGE_MANIFEST, ...subject }, artifactType: 'application/x.sig' } : {}),
    }),
  );
}

describe('uploads', () => {
  it('appends chunks in order and refuses out-of-order or overlapping ones with RANGE_INVALID', async () => {
    const { store } = await newStore();
    const repo = store.repository('a/b');
    const session = await repo.uploads.create();
    await repo.uploads.append(session.id, Readable.from([Buffer.from('hello ')]), { start: 0, length: 6 });
    expect(await codeOf(repo.uploads.append(session.id, Readable.from([Buffer.from('x')]), { start: 3 }))).toBe('RANGE_INVALID');
    expect(await codeOf(repo.uploads.append(session.id, Readable.from([Buffer.from('x')]), { start: 9 }))).toBe('RANGE_INVALID');
    await repo.uploads.append(session.id, Readable.from([Buffer.from('world')]), { start: 6 });
    const blob = await repo.uploads.complete(session.id, digestOf('hello world'));
    expect(blob.size).toBe(11);
    expect((await store.blobs.get(blob.digest)).toString()).toBe('hello world');
  });

  it('refuses a wrong digest, discards the session and keeps nothing visible', async () => {
    const { store } = await newStore();
    const repo = store.repository('a');
    const session = await repo.uploads.create();
    const wrong = digestOf('something else');
    expect(await codeOf(repo.uploads.complete(session.id, wrong, Readable.from([Buffer.from('data')])))).toBe('DIGEST_INVALID');
    expect(await store.blobs.stat(wrong)).toBeUndefined();
    expect(await store.blobs.stat(digestOf('data'))).toBeUndefined();
    expect(await codeOf(repo.uploads.status(session.id))).toBe('BLOB_UPLOAD_UNKNOWN');
  });

  it('resumes after a restart (state on disk) and still verifies the digest', async () => {
    const { store, root } = await newStore();
    const session = await store.repository('r').uploads.create();
    await store.repository('r').uploads.append(session.id, Readable.from([Buffer.from('part one,')]));
    const restarted = (await newStore(root)).store.repository('r');
    expect((await restarted.uploads.status(session.id)).size).toBe(9);
    await restarted.uploads.append(session.id, Readable.from([Buffer.from(' part two')]), { start: 9 });
    expect(await codeOf(restarted.uploads.complete(session.id, digestOf('tampered')))).toBe('DIGEST_INVALID');
    const again = await restarted.uploads.create();
    const blob = await restarted.uploads.complete(again.id, digestOf('x'), Readable.from([Buffer.from('x')]));
    expect(blob.size).toBe(1);
  });

  it('stores a blob uploaded concurrently by many clients once, intact', async () => {
    const { store, root } = await newStore();
    const content = Buffer.alloc(256 * 1024, 7);
    const digests = await Promise.all(Array.from({ length: 16 }, (_, i) => pushBlob(store.repository(`r${i}`), content)));
    expect(new Set(digests)).toEqual(new Set([digestOf(content)]));
    expect((await store.blobs.get(digestOf(content))).equals(content)).toBe(true);
    const hex = parseDigest(digestOf(content)).hex;
    expect(await readdir(join(root, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex))).toEqual(['data']);
  });

  it('rejects unknown or malformed session ids', async () => {
    const { store } = await newStore();
    expect(await codeOf(store.repository('a').uploads.status('../../etc'))).toBe('BLOB_UPLOAD_UNKNOWN');
    expect(await codeOf(store.repository('a').uploads.status('00000000-0000-0000-0000-000000000000'))).toBe('BLOB_UPLOAD_UNKNOWN');
  });
});

describe('blobs and manifests', () => {
  it('shows a repository only the blobs linked into it, and mounts across repositories', async () => {
    const { store } = await newStore();
    const digest = await pushBlob(store.repository('one'), Buffer.from('layer'));
    expect(await codeOf(store.repository('two').statBlob(digest))).toBe('BLOB_UNKNOWN');
    expect(await store.repository('two').mountBlob(digest, store.repository('one'))).toEqual({ digest, size: 5 });
    expect((await store.repository('two').statBlob(digest)).size).toBe(5);
    expect(await store.repository('three').mountBlob(digest, store.repository('nothing'))).toBeUndefined();
  });

  it('puts, tags, gets and deletes manifests; references must exist', async () => {
    const { store } = await newStore();
    const repo = store.repository('app');
    const config = Buffer.from('{}');
    const layer = Buffer.from('layer-bytes');
    const manifest = imageManifest(config, layer);
    expect(await codeOf(repo.putManifest(tag('v1'), manifest))).toBe('MANIFEST_BLOB_UNKNOWN');
    await pushBlob(repo, config);
    await pushBlob(repo, layer);
    const { digest } = await repo.putManifest(tag('v1'), manifest);
    await repo.putManifest(tag('v2'), manifest);
    const got = await repo.getManifest(tag('v1'));
    expect(got.content.equals(manifest)).toBe(true);
    expect(got.mediaType).toBe(OCI_IMAGE_MANIFEST);
    expect(await repo.tags.list()).toEqual(['v1', 'v2']);
    await repo.tags.untag('v2');
    expect((await repo.statManifest(byDigest(digest))).digest).toBe(digest);
    await repo.deleteManifest(digest);
    expect(await repo.tags.list()).toEqual([]);
    expect(await codeOf(repo.getManifest(byDigest(digest)))).toBe('MANIFEST_UNKNOWN');
    expect(await codeOf(repo.putManifest(byDigest(digestOf('other')), manifest))).toBe('DIGEST_INVALID');
  });

  it('indexes referrers by subject and forgets them when the referrer is deleted', async () => {
    const { store } = await newStore();
    const repo = store.repository('app');
    const config = Buffer.from('{}');
    const layer = Buffer.from('x');
    await pushBlob(repo, config);
    await pushBlob(repo, layer);
    const subject = imageManifest(config, layer);
    const subjectPut = await repo.putManifest(tag('v1'), subject);
    const signature = imageManifest(config, layer, { digest: subjectPut.digest, size: subject.length });
    const put = await repo.putManifest(byDigest(digestOf(signature)), signature);
    expect(put.subject).toBe(subjectPut.digest);
    expect((await repo.referrers.list(subjectPut.digest)).map((d) => d.digest)).toEqual([put.digest]);
    expect(await repo.referrers.list(subjectPut.digest, 'application/x.other')).toEqual([]);
    await repo.deleteManifest(put.digest);
    expect(await repo.referrers.list(subjectPut.digest)).toEqual([]);
  });
});

describe('catalog', () => {
  it('lists repositories sorted, nested names included, with pagination', async () => {
    const { store } = await newStore();
    for (const name of ['b', 'a/c', 'a-c', 'a/b/c']) await pushBlob(store.repository(name), Buffer.from(name));
    expect((await store.catalog(100)).names).toEqual(['a-c', 'a/b/c', 'a/c', 'b']);
    expect(await store.catalog(2)).toEqual({ names: ['a-c', 'a/b/c'], more: true });
    expect(await store.catalog(2, 'a/b/c')).toEqual({ names: ['a/c', 'b'], more: false });
  });
});

describe('upload purging', () => {
  it('removes sessions older than the age, keeps recent ones, and only reports in a dry run', async () => {
    const { store } = await newStore();
    const { purgeUploads } = await import('./upload-purger');
    const old = await store.repository('p/one').uploads.create();
    const recent = await store.repository('p/two').uploads.create();
    const later = new Date(Date.now() + 60_000);
    await store.driver.putContent(`/docker/registry/v2/repositories/p/two/_uploads/${recent.id}/startedat`, later.toISOString());
    const dry = await purgeUploads(store.driver, 30_000, { dryRun: true, now: later });
    expect(dry.purged).toEqual([`/docker/registry/v2/repositories/p/one/_uploads/${old.id}`]);
    expect((await store.repository('p/one').uploads.status(old.id)).size).toBe(0);
    await purgeUploads(store.driver, 30_000, { now: later });
    expect(await codeOf(store.repository('p/one').uploads.status(old.id))).toBe('BLOB_UPLOAD_UNKNOWN');
    expect((await store.repository('p/two').uploads.status(recent.id)).size).toBe(0);
  });
});
