import { digestOf } from '@harbor-ts/oci';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { call, makeImage, pushBlob, pushImage } from '../../registry/test/support/http-client';
import { startTestRegistry, type TestRegistry } from '../../registry/test/support/test-registry';
import { startTestRegistryctl, type TestRegistryctl } from './support/test-registryctl';

let registry: TestRegistry;
let ctl: TestRegistryctl;

beforeEach(async () => {
  registry = await startTestRegistry();
  ctl = await startTestRegistryctl({ root: registry.root });
});
afterEach(async () => {
  await ctl.stop();
  await registry.stop();
});

const auth = () => ({ authorization: `Harbor-Secret ${ctl.secret}` });
const post = (path: string, body: unknown) =>
  call(`${ctl.url}${path}`, { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify(body) });
const blobExists = async (name: string, digest: string) => (await call(`${registry.url}/v2/${name}/blobs/${digest}`, { method: 'HEAD' })).status === 200;
const manifestStatus = async (name: string, ref: string) => (await call(`${registry.url}/v2/${name}/manifests/${ref}`, { method: 'HEAD' })).status;

/** Sends the path byte for byte (fetch would normalise "..", hiding traversal attempts). */
function raw(method: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const url = new URL(ctl.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: Number(url.port), method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('registryctl authentication', () => {
  it('answers /api/health without the secret', async () => {
    const res = await call(`${ctl.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ status: 'healthy' });
  });

  it('refuses every other route without the right Harbor-Secret, and deletes nothing', async () => {
    const digest = await pushBlob(registry.url, 'lib/app', Buffer.from('precious'));
    for (const headers of [{} as Record<string, string>, { authorization: 'Harbor-Secret wrong' }, { authorization: `Bearer ${ctl.secret}` }, { authorization: 'Harbor-Secret ' }]) {
      const res = await call(`${ctl.url}/api/registry/blob/${digest}`, { method: 'DELETE', headers });
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({ errors: [{ code: 'UNAUTHORIZED', message: 'a valid Harbor-Secret authorization is required' }] });
    }
    expect((await call(`${ctl.url}/api/registry/blobs`)).status).toBe(401);
    expect(await blobExists('lib/app', digest)).toBe(true);
  });
});

describe('blob deletion', () => {
  it('DELETE /api/registry/blob/{digest} removes the content; a second delete is 404', async () => {
    const digest = await pushBlob(registry.url, 'lib/app', Buffer.from('garbage'));
    const res = await call(`${ctl.url}/api/registry/blob/${digest}`, { method: 'DELETE', headers: auth() });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ digest, deleted: true, size: 7 });
    expect(await blobExists('lib/app', digest)).toBe(false);
    const again = await call(`${ctl.url}/api/registry/blob/${digest}`, { method: 'DELETE', headers: auth() });
    expect(again.status).toBe(404);
    expect(again.code()).toBe('NOT_FOUND');
  });

  it('answers 400 for bad digests, traversal included, and touches nothing', async () => {
    const digest = await pushBlob(registry.url, 'lib/app', Buffer.from('precious'));
    for (const bad of ['sha256:abc', 'md5:d41d8cd98f00b204e9800998ecf8427e', 'sha256:..%2F..%2F..%2Fetc', `sha256:${'G'.repeat(64)}`]) {
      const res = await raw('DELETE', `/api/registry/blob/${bad}`, auth());
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).errors[0].code).toBe('BAD_REQUEST');
    }
    expect((await raw('DELETE', '/api/registry/blob/../../../etc/passwd', auth())).status).toBe(404);
    const batch = await post('/api/registry/blobs/delete', { digests: [digest, 'sha256:../../x'] });
    expect(batch.status).toBe(400);
    expect(await blobExists('lib/app', digest)).toBe(true);
  });

  it('POST /api/registry/blobs/delete deletes a batch and reports each blob', async () => {
    const a = await pushBlob(registry.url, 'lib/app', Buffer.from('aaa'));
    const b = await pushBlob(registry.url, 'lib/app', Buffer.from('bbbbb'));
    const keep = await pushBlob(registry.url, 'lib/app', Buffer.from('keep'));
    const missing = digestOf('never stored');
    const res = await post('/api/registry/blobs/delete', { digests: [a, b, missing] });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ results: [{ digest: a, deleted: true, size: 3 }, { digest: b, deleted: true, size: 5 }, { digest: missing, deleted: false, size: 0 }] });
    expect(await blobExists('lib/app', a)).toBe(false);
    expect(await blobExists('lib/app', keep)).toBe(true);
  });

  it('refuses a batch that is not a list of digests', async () => {
    for (const body of [{}, { digests: 'sha256:x' }, { digests: [42] }, { digests: new Array(1001).fill(digestOf('x')) }]) {
      const res = await post('/api/registry/blobs/delete', body);
      expect(res.status).toBe(400);
      expect(res.code()).toBe('BAD_REQUEST');
    }
    const notJson = await call(`${ctl.url}/api/registry/blobs/delete`, { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
  });
});

describe('blob listing', () => {
  it('streams every blob as NDJSON, and only the old ones with ?before=', async () => {
    const old = await pushBlob(registry.url, 'lib/app', Buffer.from('old bytes'));
    const fresh = await pushBlob(registry.url, 'lib/app', Buffer.from('fresh'));
    const then = new Date(Date.now() - 5 * 3600_000);
    const [alg, hex] = old.split(':');
    await utimes(join(registry.root, 'docker/registry/v2/blobs', alg, hex.slice(0, 2), hex, 'data'), then, then);
    const all = await call(`${ctl.url}/api/registry/blobs`, { headers: auth() });
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = all.body.toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.digest).sort()).toEqual([old, fresh].sort());
    expect(lines.find((l) => l.digest === old)).toEqual({ digest: old, size: 9, mtime: then.toISOString() });
    const before = await call(`${ctl.url}/api/registry/blobs?before=${new Date(Date.now() - 3600_000).toISOString()}`, { headers: auth() });
    expect(before.body.toString().trim().split('\n').map((l) => JSON.parse(l).digest)).toEqual([old]);
  });

  it('answers 400 for a bad `before`', async () => {
    const res = await call(`${ctl.url}/api/registry/blobs?before=yesterday`, { headers: auth() });
    expect(res.status).toBe(400);
    expect(res.code()).toBe('BAD_REQUEST');
  });
});

describe('manifest deletion', () => {
  it('DELETE /api/registry/{name}/manifests/{digest} removes the revision and the tags on it, keeping the bytes', async () => {
    const image = makeImage('one');
    expect((await pushImage(registry.url, 'lib/nested/app', 'v1', image)).status).toBe(201);
    expect((await call(`${registry.url}/v2/lib/nested/app/manifests/${image.digest}`, { method: 'PUT', body: image.manifest, headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' } })).status).toBe(201);
    const res = await call(`${ctl.url}/api/registry/lib/nested/app/manifests/${image.digest}`, { method: 'DELETE', headers: auth() });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ repository: 'lib/nested/app', digest: image.digest, deleted: true, tags: ['v1'] });
    expect(await manifestStatus('lib/nested/app', 'v1')).toBe(404);
    expect(await manifestStatus('lib/nested/app', image.digest)).toBe(404);
    expect(await blobExists('lib/nested/app', digestOf(image.layers[0]))).toBe(true);
    expect((await call(`${ctl.url}/api/registry/lib/nested/app/manifests/${image.digest}`, { method: 'DELETE', headers: auth() })).status).toBe(404);
  });

  it('refuses bad names, tags as references and traversal, and deletes nothing', async () => {
    const image = makeImage('two');
    await pushImage(registry.url, 'lib/app', 'v1', image);
    const attempts = [
      `/api/registry/lib/app/manifests/v1`,
      `/api/registry/LIB/app/manifests/${image.digest}`,
      `/api/registry/lib/..%2F..%2Fapp/manifests/${image.digest}`,
      `/api/registry/..%2Flib%2Fapp/manifests/${image.digest}`,
    ];
    for (const path of attempts) {
      const res = await raw('DELETE', path, auth());
      expect([path, res.status]).toEqual([path, 400]);
    }
    expect(await manifestStatus('lib/app', 'v1')).toBe(200);
  });

  it('POST /api/registry/manifests/delete deletes a batch, and keepTagged spares tagged manifests', async () => {
    const tagged = makeImage('tagged');
    const untagged = makeImage('untagged');
    await pushImage(registry.url, 'lib/app', 'v1', tagged);
    await pushImage(registry.url, 'lib/app', untagged.digest, untagged);
    const manifests = [{ repository: 'lib/app', digest: tagged.digest }, { repository: 'lib/app', digest: untagged.digest }];
    const res = await post('/api/registry/manifests/delete', { manifests, keepTagged: true });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ results: [
      { repository: 'lib/app', digest: tagged.digest, deleted: false, tags: [], skipped: 'tagged' },
      { repository: 'lib/app', digest: untagged.digest, deleted: true, tags: [] },
    ] });
    expect(await manifestStatus('lib/app', 'v1')).toBe(200);
    expect(await manifestStatus('lib/app', untagged.digest)).toBe(404);
    const bad = await post('/api/registry/manifests/delete', { manifests: [{ repository: 'lib/app', digest: tagged.digest }, { repository: '../x', digest: tagged.digest }] });
    expect(bad.status).toBe(400);
    expect(await manifestStatus('lib/app', 'v1')).toBe(200);
  });
});

describe('upload purging', () => {
  it('purges sessions older than olderThanMs; a dry run only counts them', async () => {
    const uploads = join(registry.root, 'docker/registry/v2/repositories/lib/app/_uploads');
    for (const [id, age] of [['old-session', 3 * 3600_000], ['new-session', 0]] as const) {
      await mkdir(join(uploads, id), { recursive: true });
      await writeFile(join(uploads, id, 'startedat'), new Date(Date.now() - age).toISOString());
    }
    const dry = await post('/api/registry/uploads/purge', { olderThanMs: 3600_000, dryRun: true });
    expect(dry.json()).toEqual({ scanned: 2, purged: 1, dryRun: true });
    const real = await post('/api/registry/uploads/purge', { olderThanMs: 3600_000 });
    expect(real.json()).toEqual({ scanned: 2, purged: 1, dryRun: false });
    const after = await post('/api/registry/uploads/purge', { olderThanMs: 3600_000, dryRun: true });
    expect(after.json()).toEqual({ scanned: 1, purged: 0, dryRun: true });
  });

  it('answers 400 for a missing or negative age', async () => {
    for (const body of [{}, { olderThanMs: -1 }, { olderThanMs: '1h' }, { olderThanMs: 1, dryRun: 'yes' }]) {
      const res = await post('/api/registry/uploads/purge', body);
      expect(res.status).toBe(400);
      expect(res.code()).toBe('BAD_REQUEST');
    }
  });
});
