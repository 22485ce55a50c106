import { digestOf, DOCKER_MANIFEST_V1_SIGNED, OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST } from '@harbor-ts/oci';
import { call, makeImage, pushBlob, pushImage } from '../support/http-client';
import { startTestRegistry, type TestRegistry } from '../support/test-registry';

let reg: TestRegistry;
beforeAll(async () => {
  reg = await startTestRegistry({ maxManifestBytes: 64 * 1024 });
});
afterAll(() => reg.stop());

const put = (name: string, ref: string, body: Buffer | string, type = OCI_IMAGE_MANIFEST) =>
  call(`${reg.url}/v2/${name}/manifests/${ref}`, { method: 'PUT', body, headers: { 'content-type': type } });

describe('manifests', () => {
  it('PUT by tag, then GET and HEAD by tag and by digest', async () => {
    const image = makeImage('m1');
    const res = await pushImage(reg.url, 'app/web', 'v1', image);
    expect(res.status).toBe(201);
    expect(res.headers.get('docker-content-digest')).toBe(image.digest);
    expect(res.headers.get('location')).toBe(`${reg.url}/v2/app/web/manifests/${image.digest}`);
    for (const ref of ['v1', image.digest]) {
      const got = await call(`${reg.url}/v2/app/web/manifests/${ref}`);
      expect(got.status).toBe(200);
      expect(got.body.equals(image.manifest)).toBe(true);
      expect(got.headers.get('content-type')).toBe(OCI_IMAGE_MANIFEST);
      expect(got.headers.get('docker-content-digest')).toBe(image.digest);
      const head = await call(`${reg.url}/v2/app/web/manifests/${ref}`, { method: 'HEAD' });
      expect(head.headers.get('content-length')).toBe(String(image.manifest.length));
    }
  });

  it('PUT by digest must match the content (DIGEST_INVALID otherwise)', async () => {
    const image = makeImage('m2');
    await pushImage(reg.url, 'bydigest', image.digest, image);
    const res = await put('bydigest', digestOf('not this'), image.manifest);
    expect([res.status, res.code()]).toEqual([400, 'DIGEST_INVALID']);
  });

  it('MANIFEST_BLOB_UNKNOWN when a referenced blob or child manifest is missing; nothing stored', async () => {
    const image = makeImage('m3');
    await pushBlob(reg.url, 'missing', image.config);
    const res = await put('missing', 'v1', image.manifest);
    expect([res.status, res.code()]).toEqual([404, 'MANIFEST_BLOB_UNKNOWN']);
    expect((await call(`${reg.url}/v2/missing/manifests/v1`)).code()).toBe('MANIFEST_UNKNOWN');
    const index = JSON.stringify({ schemaVersion: 2, mediaType: OCI_IMAGE_INDEX, manifests: [{ mediaType: OCI_IMAGE_MANIFEST, digest: image.digest, size: image.manifest.length }] });
    expect((await put('missing', 'idx', index, OCI_IMAGE_INDEX)).code()).toBe('MANIFEST_BLOB_UNKNOWN');
  });

  it('stores an index whose children exist', async () => {
    const a = makeImage('arch-a');
    const b = makeImage('arch-b');
    await pushImage(reg.url, 'multi', a.digest, a);
    await pushImage(reg.url, 'multi', b.digest, b);
    const index = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_IMAGE_INDEX,
      manifests: [a, b].map((m, i) => ({ mediaType: OCI_IMAGE_MANIFEST, digest: m.digest, size: m.manifest.length, platform: { architecture: i ? 'arm64' : 'amd64', os: 'linux' } })),
    });
    expect((await put('multi', 'latest', index, OCI_IMAGE_INDEX)).status).toBe(201);
    expect((await call(`${reg.url}/v2/multi/manifests/latest`)).headers.get('content-type')).toBe(OCI_IMAGE_INDEX);
  });

  it.each([
    ['not json', '{'],
    ['wrong schemaVersion', JSON.stringify({ schemaVersion: 3, mediaType: OCI_IMAGE_MANIFEST, config: {}, layers: [] })],
    ['bad descriptor digest', JSON.stringify({ schemaVersion: 2, mediaType: OCI_IMAGE_MANIFEST, config: { mediaType: 'x/y', digest: 'sha256:zz', size: 1 }, layers: [] })],
  ])('MANIFEST_INVALID for %s', async (_why, body) => {
    const res = await put('invalid', 'v1', body);
    expect([res.status, res.code()]).toEqual([400, 'MANIFEST_INVALID']);
  });

  it('refuses schema1 with a clear message', async () => {
    const res = await put('schema1', 'v1', JSON.stringify({ schemaVersion: 1, name: 'schema1', tag: 'v1', fsLayers: [] }), DOCKER_MANIFEST_V1_SIGNED);
    expect([res.status, res.code()]).toEqual([400, 'MANIFEST_INVALID']);
    expect(res.body.toString()).toContain('schema1');
  });

  it('refuses manifests over the size limit', async () => {
    const res = await put('big', 'v1', Buffer.alloc(64 * 1024 + 1, 32));
    expect([res.status, res.code()]).toEqual([400, 'MANIFEST_INVALID']);
  });

  it('MANIFEST_UNKNOWN for unknown tags and digests, NAME_INVALID for bad names', async () => {
    expect((await call(`${reg.url}/v2/app/web/manifests/nope`)).code()).toBe('MANIFEST_UNKNOWN');
    expect((await call(`${reg.url}/v2/app/web/manifests/${digestOf('nope')}`)).status).toBe(404);
    for (const name of ['UPPER/case', 'a//b', '-lead', 'a/_b']) {
      const res = await call(`${reg.url}/v2/${name}/manifests/latest`);
      expect([res.status, res.code()]).toEqual([400, 'NAME_INVALID']);
    }
  });

  it('DELETE by tag removes only the tag; DELETE by digest removes the manifest and its tags', async () => {
    const image = makeImage('del');
    await pushImage(reg.url, 'deleting', 'one', image);
    await put('deleting', 'two', image.manifest);
    expect((await call(`${reg.url}/v2/deleting/manifests/one`, { method: 'DELETE' })).status).toBe(202);
    expect((await call(`${reg.url}/v2/deleting/manifests/one`)).code()).toBe('MANIFEST_UNKNOWN');
    expect((await call(`${reg.url}/v2/deleting/manifests/two`)).status).toBe(200);
    expect((await call(`${reg.url}/v2/deleting/manifests/${image.digest}`, { method: 'DELETE' })).status).toBe(202);
    expect((await call(`${reg.url}/v2/deleting/manifests/two`)).code()).toBe('MANIFEST_UNKNOWN');
    expect((await call(`${reg.url}/v2/deleting/tags/list`)).json()).toEqual({ name: 'deleting', tags: [] });
    expect((await call(`${reg.url}/v2/deleting/manifests/${image.digest}`, { method: 'DELETE' })).code()).toBe('MANIFEST_UNKNOWN');
  });

  it('UNSUPPORTED for a method a route does not have', async () => {
    const res = await call(`${reg.url}/v2/app/web/manifests/v1`, { method: 'POST' });
    expect([res.status, res.code()]).toEqual([405, 'UNSUPPORTED']);
  });
});

describe('with deletion disabled', () => {
  it('answers 405 UNSUPPORTED and deletes nothing', async () => {
    const locked = await startTestRegistry({ deleteEnabled: false });
    try {
      const image = makeImage('locked');
      await pushImage(locked.url, 'keep', 'v1', image);
      for (const path of ['manifests/v1', `manifests/${image.digest}`, `blobs/${digestOf(image.config)}`]) {
        const res = await call(`${locked.url}/v2/keep/${path}`, { method: 'DELETE' });
        expect([res.status, res.code()]).toEqual([405, 'UNSUPPORTED']);
      }
      expect((await call(`${locked.url}/v2/keep/manifests/v1`)).body.equals(image.manifest)).toBe(true);
    } finally {
      await locked.stop();
    }
  });
});
