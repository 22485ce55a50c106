import { digestOf, OCI_IMAGE_MANIFEST } from '@harbor-ts/oci';
import { mintRegistryToken } from '@harbor-ts/token';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, makeImage, pushBlob, pushImage, type Call } from '../support/http-client';
import { startTestRegistry, type TestRegistry } from '../support/test-registry';

/**
 * Every error code of the distribution spec, each reached by a real request, with its status,
 * and after each one proof that what was stored before is still there, byte for byte.
 */
let open: TestRegistry;
let locked: TestRegistry;
let authed: TestRegistry;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stored = makeImage('stored');

beforeAll(async () => {
  open = await startTestRegistry({ maxManifestBytes: 1024 * 1024 });
  locked = await startTestRegistry({ deleteEnabled: false });
  const dir = await mkdtemp(join(tmpdir(), 'codes-'));
  await writeFile(join(dir, 'key.pem'), keys.publicKey.export({ type: 'spki', format: 'pem' }));
  authed = await startTestRegistry({ auth: { realm: 'http://127.0.0.1:1/token', service: 'svc', issuer: 'iss', publicKeyFile: join(dir, 'key.pem') } });
  await pushImage(open.url, 'kept/app', 'v1', stored);
  await pushImage(locked.url, 'kept/app', 'v1', stored);
});
afterAll(async () => {
  await open.stop();
  await locked.stop();
  await authed.stop();
});

async function session(name: string): Promise<string> {
  return (await call(`${open.url}/v2/${name}/blobs/uploads/`, { method: 'POST' })).headers.get('location')!;
}

const pullToken = () =>
  `Bearer ${mintRegistryToken({ issuer: 'iss', service: 'svc', subject: 'bob', access: [{ type: 'repository', name: 'kept/app', actions: ['pull'] }], expiresInSec: 60, privateKey: keys.privateKey })}`;

const cases: [code: string, status: number, request: () => Promise<Call>][] = [
  ['BLOB_UNKNOWN', 404, () => call(`${open.url}/v2/kept/app/blobs/${digestOf('absent')}`)],
  ['BLOB_UPLOAD_INVALID', 400, () => call(`${open.url}/v2/kept/app/blobs/uploads/`, { method: 'POST', body: 'bytes without a digest' })],
  ['BLOB_UPLOAD_UNKNOWN', 404, () => call(`${open.url}/v2/kept/app/blobs/uploads/3f1e2d4c-0000-4000-8000-000000000000`)],
  ['DIGEST_INVALID', 400, async () => call(`${await session('kept/app')}?digest=${digestOf('x')}`, { method: 'PUT', body: 'y' })],
  ['MANIFEST_BLOB_UNKNOWN', 404, () => call(`${open.url}/v2/kept/app/manifests/v2`, { method: 'PUT', body: makeImage('no-blobs').manifest, headers: { 'content-type': OCI_IMAGE_MANIFEST } })],
  ['MANIFEST_INVALID', 400, () => call(`${open.url}/v2/kept/app/manifests/v1`, { method: 'PUT', body: '{"schemaVersion":2}', headers: { 'content-type': OCI_IMAGE_MANIFEST } })],
  ['MANIFEST_UNKNOWN', 404, () => call(`${open.url}/v2/kept/app/manifests/absent`)],
  ['NAME_INVALID', 400, () => call(`${open.url}/v2/Kept/App/manifests/v1`)],
  ['NAME_UNKNOWN', 404, () => call(`${open.url}/v2/not/there/tags/list`)],
  ['SIZE_INVALID', 400, async () => call(await session('kept/app'), { method: 'PATCH', body: 'abc', headers: { 'content-range': '0-99' } })],
  ['UNAUTHORIZED', 401, () => call(`${authed.url}/v2/kept/app/tags/list`)],
  ['DENIED', 403, () => call(`${authed.url}/v2/kept/app/manifests/v1`, { method: 'DELETE', headers: { authorization: pullToken() } })],
  ['UNSUPPORTED', 405, () => call(`${locked.url}/v2/kept/app/manifests/v1`, { method: 'DELETE' })],
];

describe('every OCI error code is reachable', () => {
  it.each(cases)('%s (%d)', async (code, status, request) => {
    const res = await request();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = res.json<{ errors: { code: string; message: string }[] }>();
    expect(body.errors[0].code).toBe(code);
    expect(body.errors[0].message.length).toBeGreaterThan(0);
    for (const reg of [open, locked]) {
      const manifest = await call(`${reg.url}/v2/kept/app/manifests/v1`);
      expect(manifest.body.equals(stored.manifest)).toBe(true);
      for (const blob of [stored.config, ...stored.layers]) {
        expect((await call(`${reg.url}/v2/kept/app/blobs/${digestOf(blob)}`)).body.equals(blob)).toBe(true);
      }
    }
  });

  it('a 500 says "internal server error" and nothing more', async () => {
    await pushBlob(open.url, 'broken/repo', Buffer.from('x'));
    const { rm } = await import('node:fs/promises');
    await rm(join(open.root, 'docker/registry/v2/repositories/broken/repo/_layers'), { recursive: true });
    await writeFile(join(open.root, 'docker/registry/v2/repositories/broken/repo/_layers'), 'not a directory');
    const res = await call(`${open.url}/v2/broken/repo/blobs/uploads/?digest=${digestOf('y')}`, { method: 'POST', body: 'y' });
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ errors: [{ code: 'UNKNOWN', message: 'internal server error' }] });
  });
});
