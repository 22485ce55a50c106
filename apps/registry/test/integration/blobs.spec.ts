import { digestOf } from '@harbor-ts/oci';
import { call, pushBlob } from '../support/http-client';
import { startTestRegistry, type TestRegistry } from '../support/test-registry';

let reg: TestRegistry;
beforeAll(async () => {
  reg = await startTestRegistry();
});
afterAll(() => reg.stop());

async function startSession(name: string): Promise<string> {
  const res = await call(`${reg.url}/v2/${name}/blobs/uploads/`, { method: 'POST' });
  expect(res.status).toBe(202);
  expect(res.headers.get('docker-upload-uuid')).toMatch(/^[0-9a-f-]{36}$/);
  expect(res.headers.get('range')).toBe('0-0');
  return res.headers.get('location')!;
}

describe('GET /v2/', () => {
  it('answers 200 with the API version header', async () => {
    const res = await call(`${reg.url}/v2/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
    expect(res.json()).toEqual({});
  });
});

describe('blob uploads', () => {
  it('monolithic POST ?digest= creates the blob (201, Location, Docker-Content-Digest)', async () => {
    const content = Buffer.from('monolithic');
    const res = await call(`${reg.url}/v2/mono/blobs/uploads/?digest=${digestOf(content)}`, { method: 'POST', body: content });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${reg.url}/v2/mono/blobs/${digestOf(content)}`);
    expect(res.headers.get('docker-content-digest')).toBe(digestOf(content));
    const head = await call(`${reg.url}/v2/mono/blobs/${digestOf(content)}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(content.length));
  });

  it('POST then PUT ?digest= with the whole body', async () => {
    const content = Buffer.from('post-put');
    const location = await startSession('postput');
    const res = await call(`${location}?digest=${digestOf(content)}`, { method: 'PUT', body: content });
    expect(res.status).toBe(201);
    expect((await call(`${reg.url}/v2/postput/blobs/${digestOf(content)}`)).body.equals(content)).toBe(true);
  });

  it('chunked PATCH with Content-Range, status GET, then PUT without body', async () => {
    const content = Buffer.from('0123456789abcdef');
    const location = await startSession('chunked');
    const first = await call(location, { method: 'PATCH', body: content.subarray(0, 10), headers: { 'content-range': '0-9' } });
    expect(first.status).toBe(202);
    expect(first.headers.get('range')).toBe('0-9');
    const status = await call(location);
    expect(status.status).toBe(204);
    expect(status.headers.get('range')).toBe('0-9');
    const next = first.headers.get('location')!;
    const second = await call(next, { method: 'PATCH', body: content.subarray(10), headers: { 'content-range': '10-15' } });
    expect(second.headers.get('range')).toBe('0-15');
    const done = await call(`${next}?digest=${digestOf(content)}`, { method: 'PUT' });
    expect(done.status).toBe(201);
    expect((await call(`${reg.url}/v2/chunked/blobs/${digestOf(content)}`)).body.equals(content)).toBe(true);
  });

  it('streamed PATCH without Content-Range, then PUT with a final chunk', async () => {
    const content = Buffer.from('streamed-part|final-part');
    const location = await startSession('streamed');
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(content.subarray(0, 7));
        controller.enqueue(content.subarray(7, 14));
        controller.close();
      },
    });
    const patched = await call(location, { method: 'PATCH', body: stream, duplex: 'half' } as RequestInit);
    expect(patched.headers.get('range')).toBe('0-13');
    const done = await call(`${patched.headers.get('location')}?digest=${digestOf(content)}`, { method: 'PUT', body: content.subarray(14) });
    expect(done.status).toBe(201);
  });

  it('416 RANGE_INVALID for an out-of-order or overlapping chunk; the session stays intact', async () => {
    const location = await startSession('ooo');
    await call(location, { method: 'PATCH', body: Buffer.from('abcd'), headers: { 'content-range': '0-3' } });
    for (const range of ['2-5', '6-9']) {
      const res = await call(location, { method: 'PATCH', body: Buffer.from('wxyz'), headers: { 'content-range': range } });
      expect(res.status).toBe(416);
      expect(res.code()).toBe('RANGE_INVALID');
    }
    expect((await call(location)).headers.get('range')).toBe('0-3');
    const done = await call(`${location}?digest=${digestOf('abcd')}`, { method: 'PUT' });
    expect(done.status).toBe(201);
  });

  it('DIGEST_INVALID for a mismatching digest; nothing becomes visible', async () => {
    const location = await startSession('baddigest');
    const wrong = digestOf('other content');
    const res = await call(`${location}?digest=${wrong}`, { method: 'PUT', body: Buffer.from('content') });
    expect(res.status).toBe(400);
    expect(res.code()).toBe('DIGEST_INVALID');
    expect((await call(`${reg.url}/v2/baddigest/blobs/${wrong}`, { method: 'HEAD' })).status).toBe(404);
    expect((await call(`${reg.url}/v2/baddigest/blobs/${digestOf('content')}`, { method: 'HEAD' })).status).toBe(404);
    expect((await call(`${reg.url}/v2/baddigest/blobs/uploads/not-a-uuid?digest=${wrong}`, { method: 'PUT' })).code()).toBe('BLOB_UPLOAD_UNKNOWN');
  });

  it('DIGEST_INVALID for malformed digests and a PUT without one', async () => {
    const location = await startSession('malformed');
    for (const digest of ['sha256:xyz', 'md5:abc', 'sha256:' + 'A'.repeat(64)]) {
      const res = await call(`${location}?digest=${encodeURIComponent(digest)}`, { method: 'PUT' });
      expect([res.status, res.code()]).toEqual([400, 'DIGEST_INVALID']);
    }
    expect((await call(location, { method: 'PUT' })).code()).toBe('DIGEST_INVALID');
    expect((await call(`${reg.url}/v2/malformed/blobs/sha256:short`)).code()).toBe('DIGEST_INVALID');
  });

  it('SIZE_INVALID when Content-Range and Content-Length disagree', async () => {
    const location = await startSession('size');
    const res = await call(location, { method: 'PATCH', body: Buffer.from('abc'), headers: { 'content-range': '0-9' } });
    expect([res.status, res.code()]).toEqual([400, 'SIZE_INVALID']);
    expect((await call(location)).headers.get('range')).toBe('0-0');
  });

  it('BLOB_UPLOAD_UNKNOWN after cancel (DELETE), and for unknown sessions', async () => {
    const location = await startSession('cancel');
    expect((await call(location, { method: 'DELETE' })).status).toBe(204);
    const res = await call(location);
    expect([res.status, res.code()]).toEqual([404, 'BLOB_UPLOAD_UNKNOWN']);
    expect((await call(location, { method: 'PATCH', body: 'x' })).code()).toBe('BLOB_UPLOAD_UNKNOWN');
  });
});

describe('blob reads', () => {
  const content = Buffer.from('The quick brown fox jumps over the lazy dog');
  beforeAll(() => pushBlob(reg.url, 'reads', content));

  it('GET and HEAD with Docker-Content-Digest and Content-Length', async () => {
    const res = await call(`${reg.url}/v2/reads/blobs/${digestOf(content)}`);
    expect(res.status).toBe(200);
    expect(res.body.equals(content)).toBe(true);
    expect(res.headers.get('docker-content-digest')).toBe(digestOf(content));
  });

  it.each([
    ['bytes=4-8', 'quick', 'bytes 4-8/43'],
    ['bytes=40-', 'dog', 'bytes 40-42/43'],
    ['bytes=-3', 'dog', 'bytes 40-42/43'],
  ])('Range %s answers 206', async (range, body, contentRange) => {
    const res = await call(`${reg.url}/v2/reads/blobs/${digestOf(content)}`, { headers: { range } });
    expect(res.status).toBe(206);
    expect(res.body.toString()).toBe(body);
    expect(res.headers.get('content-range')).toBe(contentRange);
  });

  it('416 for an unsatisfiable range', async () => {
    const res = await call(`${reg.url}/v2/reads/blobs/${digestOf(content)}`, { headers: { range: 'bytes=100-200' } });
    expect(res.status).toBe(416);
  });

  it('BLOB_UNKNOWN for a blob not linked into the repository', async () => {
    const res = await call(`${reg.url}/v2/other/blobs/${digestOf(content)}`);
    expect([res.status, res.code()]).toEqual([404, 'BLOB_UNKNOWN']);
    expect((await call(`${reg.url}/v2/other/blobs/${digestOf(content)}`, { method: 'HEAD' })).status).toBe(404);
  });

  it('cross-repository mount: 201 when mounted, 202 (a new session) otherwise', async () => {
    const mounted = await call(`${reg.url}/v2/target/blobs/uploads/?mount=${digestOf(content)}&from=reads`, { method: 'POST' });
    expect(mounted.status).toBe(201);
    expect(mounted.headers.get('docker-content-digest')).toBe(digestOf(content));
    expect((await call(`${reg.url}/v2/target/blobs/${digestOf(content)}`)).body.equals(content)).toBe(true);
    const missing = await call(`${reg.url}/v2/target/blobs/uploads/?mount=${digestOf('nope')}&from=reads`, { method: 'POST' });
    expect(missing.status).toBe(202);
    expect(missing.headers.get('location')).toContain('/v2/target/blobs/uploads/');
  });

  it('DELETE unlinks the blob from one repository only', async () => {
    await pushBlob(reg.url, 'del-a', Buffer.from('shared'));
    await pushBlob(reg.url, 'del-b', Buffer.from('shared'));
    expect((await call(`${reg.url}/v2/del-a/blobs/${digestOf('shared')}`, { method: 'DELETE' })).status).toBe(202);
    expect((await call(`${reg.url}/v2/del-a/blobs/${digestOf('shared')}`)).status).toBe(404);
    expect((await call(`${reg.url}/v2/del-b/blobs/${digestOf('shared')}`)).body.toString()).toBe('shared');
    expect((await call(`${reg.url}/v2/del-a/blobs/${digestOf('shared')}`, { method: 'DELETE' })).code()).toBe('BLOB_UNKNOWN');
  });
});

describe('empty blobs', () => {
  it('pushes and pulls a zero-byte blob', async () => {
    const empty = Buffer.alloc(0);
    await pushBlob(reg.url, 'empty', empty);
    const res = await call(`${reg.url}/v2/empty/blobs/${digestOf(empty)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('0');
    expect(res.body.length).toBe(0);
  });
});
