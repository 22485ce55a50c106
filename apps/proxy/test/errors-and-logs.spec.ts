import { firstError, send } from './support/client';
import { startProxy, type RunningProxy } from './support/proxy';
import { deadUpstreamUrl, startUpstream, type TestUpstream } from './support/upstream';

let registry: TestUpstream, down: RunningProxy;

beforeAll(async () => {
  registry = await startUpstream('registry');
  down = await startProxy({ upstreams: { core: await deadUpstreamUrl(), registry: registry.url } });
});
afterAll(async () => {
  await down.stop();
  await registry.close();
});

describe('upstream unavailable', () => {
  it('answers /v2 with the OCI envelope, 502, and logs the cause with the request id', async () => {
    const reply = await send(down.base, '/v2/library/app/manifests/latest', { headers: { 'x-request-id': 'down-v2' } });
    expect(reply.status).toBe(502);
    expect(reply.headers['x-request-id']).toBe('down-v2');
    expect(reply.headers['docker-distribution-api-version']).toBe('registry/2.0');
    expect(reply.json()).toEqual({ errors: [{ code: 'UNKNOWN', message: 'upstream unavailable', detail: { upstream: 'core' } }] });
    const logged = down.logs.find((l) => l.msg === 'upstream unavailable' && l.requestId === 'down-v2');
    expect(logged).toMatchObject({ level: 50, upstream: 'core', err: { code: 'ECONNREFUSED' } });
  });

  it('answers /api with Harbor’s error body, 502', async () => {
    const reply = await send(down.base, '/api/v2.0/projects', { headers: { 'x-request-id': 'down-api' } });
    expect(reply.status).toBe(502);
    expect(reply.headers['x-request-id']).toBe('down-api');
    expect(reply.json()).toEqual({ errors: [{ code: 'UNKNOWN', message: 'upstream unavailable' }] });
  });

  it('answers HEAD with 502 and no body, and a PUT body does not wedge the connection', async () => {
    const head = await send(down.base, '/v2/x/blobs/sha256:00', { method: 'HEAD' });
    expect(head.status).toBe(502);
    expect(head.body.length).toBe(0);
    const put = await send(down.base, '/v2/x/blobs/uploads/u', { method: 'PUT', body: Buffer.alloc(4 * 1024 * 1024) });
    expect(put.status).toBe(502);
    expect(firstError(put).code).toBe('UNKNOWN');
  });

  it('still serves the fast path when only core is down', async () => {
    const blob = '/v2/x/blobs/sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
    const reply = await send(down.base, blob, { headers: { authorization: 'Bearer t' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-upstream']).toBe('registry');
  });
});

describe('access log', () => {
  it('writes one JSON line per request with method, path, status, bytes, duration, id and upstream', async () => {
    const blob = '/v2/x/blobs/sha256:ab?x=1';
    const reply = await send(down.base, blob, { headers: { authorization: 'Bearer t', 'x-request-id': 'logged' } });
    const line = await waitForLog(down, (l) => l.msg === 'request' && l.requestId === 'logged');
    expect(line).toMatchObject({ service: 'proxy', level: 30, method: 'GET', path: blob, status: 200, upstream: 'registry', ms: expect.any(Number) });
    expect(line.bytes).toBeGreaterThan(reply.body.length); // headers included
    expect(line.aborted).toBeUndefined();
  });

  it('is not written when the level is above info', async () => {
    const quiet = await startProxy({ upstreams: { core: registry.url, registry: registry.url } }, 'warn');
    try {
      expect((await send(quiet.base, '/api/x')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 50));
      expect(quiet.logs.filter((l) => l.msg === 'request')).toEqual([]);
    } finally {
      await quiet.stop();
    }
  });
});

async function waitForLog(p: RunningProxy, match: (l: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const hit = p.logs.find(match);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no such log line in ${JSON.stringify(p.logs)}`);
}
