import { digestOf, DOCKER_MANIFEST_V2, OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST, parseDigest } from '@harbor-ts/oci';
import express from 'express';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pino from 'pino';
import { errorHandler } from '../../src/http/error-handler';
import { requestContext } from '../../src/http/request-context';
import { RegistryMetrics } from '../../src/http/metrics';
import { call, makeImage, pushBlob, pushImage } from '../support/http-client';
import { startTestRegistry, type TestRegistry } from '../support/test-registry';

/** Each case here is a defect found in review, kept as a test so it stays fixed. */
let reg: TestRegistry;
beforeAll(async () => {
  reg = await startTestRegistry({ maxManifestBytes: 8 * 1024 * 1024 });
});
afterAll(() => reg.stop());

const repoDir = (name: string) => join(reg.root, 'docker/registry/v2/repositories', name);
const blobDir = (digest: string) => {
  const { hex } = parseDigest(digest);
  return join(reg.root, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex);
};

it('serves a schema1 manifest left in storage by an older registry instead of refusing it', async () => {
  const schema1 = Buffer.from(JSON.stringify({ schemaVersion: 1, name: 'old/app', tag: 'v1', fsLayers: [], history: [], signatures: [] }));
  const digest = digestOf(schema1);
  await mkdir(blobDir(digest), { recursive: true });
  await writeFile(join(blobDir(digest), 'data'), schema1);
  const { hex } = parseDigest(digest);
  await mkdir(join(repoDir('old/app'), '_manifests/revisions/sha256', hex), { recursive: true });
  await writeFile(join(repoDir('old/app'), '_manifests/revisions/sha256', hex, 'link'), digest);
  const res = await call(`${reg.url}/v2/old/app/manifests/${digest}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.docker.distribution.manifest.v1+prettyjws');
  expect(res.body.equals(schema1)).toBe(true);
});

it('refuses a Docker manifest without its mediaType, so no stored manifest changes type on restart', async () => {
  const image = makeImage('docker-untyped');
  for (const blob of [image.config, ...image.layers]) await pushBlob(reg.url, 'typed', blob);
  const body = JSON.parse(image.manifest.toString());
  delete body.mediaType;
  const res = await call(`${reg.url}/v2/typed/manifests/v1`, { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': DOCKER_MANIFEST_V2 } });
  expect([res.status, res.code()]).toEqual([400, 'MANIFEST_INVALID']);
});

it('honours a configured manifest limit above 4 MiB', async () => {
  const image = makeImage('big-manifest', { annotations: { padding: 'x'.repeat(5 * 1024 * 1024) } });
  const res = await pushImage(reg.url, 'bigmanifest', 'v1', image);
  expect(res.status).toBe(201);
});

it('a commit that failed half-way can be retried and succeeds', async () => {
  const content = Buffer.from('retry me');
  const digest = digestOf(content);
  const session = await call(`${reg.url}/v2/retry/blobs/uploads/`, { method: 'POST' });
  const location = session.headers.get('location')!;
  await call(location, { method: 'PATCH', body: content });
  const parent = join(blobDir(digest), '..');
  await mkdir(join(parent, '..'), { recursive: true });
  await writeFile(parent, 'blocks the blob directory');
  expect((await call(`${location}?digest=${digest}`, { method: 'PUT' })).status).toBe(500);
  await rm(parent);
  const retried = await call(`${location}?digest=${digest}`, { method: 'PUT' });
  expect(retried.status).toBe(201);
  expect((await call(`${reg.url}/v2/retry/blobs/${digest}`)).body.equals(content)).toBe(true);
});

it('DELETE of a session waits for a chunk in flight and leaves nothing behind', async () => {
  const session = await call(`${reg.url}/v2/racing/blobs/uploads/`, { method: 'POST' });
  const location = new URL(session.headers.get('location')!);
  const patch = new Promise<number>((resolve, reject) => {
    const req = request(location, { method: 'PATCH', headers: { 'content-length': 2000 } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.write(Buffer.alloc(1000, 1));
    setTimeout(() => req.end(Buffer.alloc(1000, 2)), 150);
  });
  await new Promise((r) => setTimeout(r, 50));
  const deleted = await call(location.href, { method: 'DELETE' });
  expect(deleted.status).toBe(204);
  expect(await patch).toBe(202);
  expect((await call(location.href)).code()).toBe('BLOB_UPLOAD_UNKNOWN');
  expect(await readdir(join(repoDir('racing'), '_uploads'))).toEqual([]);
});

it('answers the referrers API for a repository with no content with an empty index, not 404', async () => {
  const res = await call(`${reg.url}/v2/nothing/here/referrers/${digestOf('x')}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(OCI_IMAGE_INDEX);
  expect(res.json()).toEqual({ schemaVersion: 2, mediaType: OCI_IMAGE_INDEX, manifests: [] });
});

it('says the blob length on a 416', async () => {
  const content = Buffer.from('0123456789');
  await pushBlob(reg.url, 'ranged', content);
  const res = await call(`${reg.url}/v2/ranged/blobs/${digestOf(content)}`, { headers: { range: 'bytes=50-60' } });
  expect(res.status).toBe(416);
  expect(res.headers.get('content-range')).toBe('bytes */10');
});

it('drops the success headers a handler set before it failed', async () => {
  const app = express();
  app.disable('etag'); // as the registry app is composed
  app.use(requestContext(pino({ level: 'silent' }), new RegistryMetrics(false)));
  app.get('/fails', (_req, res, next) => {
    res.setHeader('Cache-Control', 'max-age=31536000');
    res.setHeader('ETag', '"sha256:abc"');
    res.setHeader('Docker-Content-Digest', 'sha256:abc');
    next(new Error('the file vanished'));
  });
  app.use(errorHandler());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const res = await call(`http://127.0.0.1:${(server.address() as AddressInfo).port}/fails`);
    expect(res.status).toBe(500);
    expect([res.headers.get('cache-control'), res.headers.get('etag'), res.headers.get('docker-content-digest')]).toEqual([null, null, null]);
    expect(res.headers.get('x-request-id')).toBeTruthy();
  } finally {
    server.close();
  }
});

it('keeps OCI manifests typed by their body after a restart', async () => {
  const image = makeImage('restart-type');
  await pushImage(reg.url, 'restart/type', 'v1', image);
  const restarted = await startTestRegistry({ root: reg.root });
  try {
    const res = await call(`${restarted.url}/v2/restart/type/manifests/v1`);
    expect(res.headers.get('content-type')).toBe(OCI_IMAGE_MANIFEST);
  } finally {
    await restarted.stop();
  }
});
