import { digestOf, parseDigest } from '@harbor-ts/oci';
import { request } from 'node:http';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { call, makeImage, pushImage, rawCall } from '../support/http-client';
import { startTestRegistry, type TestRegistry } from '../support/test-registry';

function blobFile(root: string, digest: string): string {
  const { hex } = parseDigest(digest);
  return join(root, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data');
}

/** Sends part of a chunk and kills the connection, as a client crash would. */
function abortedPatch(location: string, sent: Buffer, announced: number): Promise<void> {
  return new Promise((resolve) => {
    const req = request(location, { method: 'PATCH', headers: { 'content-length': announced } });
    req.on('error', () => resolve());
    req.write(sent, () => setTimeout(() => { req.destroy(); resolve(); }, 100));
  });
}

describe('integrity', () => {
  let reg: TestRegistry;
  beforeEach(async () => {
    reg = await startTestRegistry();
  });
  const restartedRoots: string[] = [];
  afterEach(() => reg.stop());
  afterAll(() => Promise.all(restartedRoots.map((root) => rm(root, { recursive: true, force: true }))));

  it('a killed connection mid-upload leaves no visible blob, and the session resumes from what arrived', async () => {
    const content = Buffer.alloc(2 * 1024 * 1024, 'k');
    const session = await call(`${reg.url}/v2/killed/blobs/uploads/`, { method: 'POST' });
    const location = session.headers.get('location')!;
    await abortedPatch(location, content.subarray(0, 1024 * 1024), content.length);
    expect((await call(`${reg.url}/v2/killed/blobs/${digestOf(content)}`, { method: 'HEAD' })).status).toBe(404);
    await expect(stat(blobFile(reg.root, digestOf(content)))).rejects.toThrow();
    const range = (await call(location)).headers.get('range')!;
    const received = Number(range.split('-')[1]) + 1;
    expect(received).toBeLessThanOrEqual(1024 * 1024);
    const rest = content.subarray(received);
    const resumed = await call(location, { method: 'PATCH', body: rest, headers: { 'content-range': `${received}-${content.length - 1}` } });
    expect(resumed.status).toBe(202);
    const done = await call(`${location}?digest=${digestOf(content)}`, { method: 'PUT' });
    expect(done.status).toBe(201);
    expect((await call(`${reg.url}/v2/killed/blobs/${digestOf(content)}`)).body.equals(content)).toBe(true);
  });

  it('an upload interrupted by a registry restart resumes and still verifies its digest', async () => {
    const content = Buffer.from('first half|second half');
    const session = await call(`${reg.url}/v2/restart/blobs/uploads/`, { method: 'POST' });
    const path = new URL(session.headers.get('location')!).pathname;
    await call(`${reg.url}${path}`, { method: 'PATCH', body: content.subarray(0, 11), headers: { 'content-range': '0-10' } });
    await reg.stop({ keepData: true });
    reg = await startTestRegistry({ root: reg.root });
    restartedRoots.push(reg.root); // a registry given a root leaves it in place on stop
    expect((await call(`${reg.url}${path}`)).headers.get('range')).toBe('0-10');
    await call(`${reg.url}${path}`, { method: 'PATCH', body: content.subarray(11), headers: { 'content-range': `11-${content.length - 1}` } });
    const wrong = await call(`${reg.url}${path}?digest=${digestOf('tampered')}`, { method: 'PUT' });
    expect(wrong.code()).toBe('DIGEST_INVALID');
    const again = await call(`${reg.url}/v2/restart/blobs/uploads/?digest=${digestOf(content)}`, { method: 'POST', body: content });
    expect(again.status).toBe(201);
  });

  it('the same blob uploaded concurrently by many clients is stored once, intact', async () => {
    const content = Buffer.alloc(512 * 1024, 'c');
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        call(`${reg.url}/v2/race/r${i % 3}/blobs/uploads/?digest=${digestOf(content)}`, { method: 'POST', body: content }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(24).fill(201));
    const file = blobFile(reg.root, digestOf(content));
    expect((await stat(file)).size).toBe(content.length);
    expect(await readdir(join(file, '..'))).toEqual(['data']);
    for (let i = 0; i < 3; i++) {
      expect((await call(`${reg.url}/v2/race/r${i}/blobs/${digestOf(content)}`)).body.equals(content)).toBe(true);
    }
    const uploads = await readdir(join(reg.root, 'docker/registry/v2/repositories/race/r0/_uploads')).catch(() => []);
    expect(uploads).toEqual([]);
  });

  it('names with .., %2e, absolute paths or upper case never touch the filesystem', async () => {
    const before = await readdir(reg.root);
    const names = ['..', '../..', '../../../../tmp/x', 'a/../../b', '%2e%2e', '%2e%2e/%2e%2e/etc', 'a/%2E%2E', 'Upper', 'a/B', '%2fetc', 'a%2f..%2fb', '/etc/passwd', 'a/./b'];
    for (const name of names) {
      for (const [method, path] of [['POST', 'blobs/uploads/'], ['GET', 'tags/list'], ['PUT', 'manifests/x'], ['GET', `blobs/${digestOf('x')}`]] as const) {
        const res = await rawCall(reg.host, method, `/v2/${name}/${path}`, method === 'GET' ? undefined : '{}');
        expect({ name, path, status: res.status, code: res.code }).toEqual({ name, path, status: 400, code: 'NAME_INVALID' });
      }
    }
    expect(await readdir(reg.root)).toEqual(before);
  });

  it('a failed manifest push keeps the previous tag target', async () => {
    const good = makeImage('good');
    await pushImage(reg.url, 'keep', 'latest', good);
    const broken = makeImage('broken');
    const res = await call(`${reg.url}/v2/keep/manifests/latest`, { method: 'PUT', body: broken.manifest, headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' } });
    expect(res.code()).toBe('MANIFEST_BLOB_UNKNOWN');
    expect((await call(`${reg.url}/v2/keep/manifests/latest`)).body.equals(good.manifest)).toBe(true);
  });
});

describe('pull aborted by the client', () => {
  it('stops reading, closes the file and keeps serving', async () => {
    const reg = await startTestRegistry();
    try {
      const content = Buffer.alloc(8 * 1024 * 1024, 'p');
      const digest = digestOf(content);
      await call(`${reg.url}/v2/aborted/blobs/uploads/?digest=${digest}`, { method: 'POST', body: content });
      const { readdirSync } = await import('node:fs');
      const openFiles = () => readdirSync('/proc/self/fd').length;
      const before = openFiles();
      for (let i = 0; i < 5; i++) {
        await new Promise<void>((resolve) => {
          const req = request(`${reg.url}/v2/aborted/blobs/${digest}`, (res) => {
            res.once('data', () => {
              req.destroy();
              resolve();
            });
          });
          req.end();
        });
      }
      await new Promise((r) => setTimeout(r, 200));
      expect(openFiles()).toBeLessThanOrEqual(before);
      expect((await call(`${reg.url}/v2/aborted/blobs/${digest}`)).body.equals(content)).toBe(true);
    } finally {
      await reg.stop();
    }
  });
});
