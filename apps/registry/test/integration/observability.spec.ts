import { createServer, type IncomingMessage } from 'node:http';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, makeImage, pushImage } from '../support/http-client';
import { startTestRegistry } from '../support/test-registry';

interface Envelope {
  events: { action: string; target: { digest: string; repository: string; tag?: string; mediaType?: string; size?: number }; request: { id: string; method: string }; actor: { name?: string } }[];
}

/** A real HTTP receiver that fails its first `failures` deliveries, to prove retries. */
async function receiver(failures: number) {
  const received: Envelope[] = [];
  let attempts = 0;
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      attempts++;
      if (attempts <= failures) {
        res.writeHead(503).end();
        return;
      }
      expect(req.headers['content-type']).toBe('application/vnd.docker.distribution.events.v1+json');
      expect(req.headers['authorization']).toBe('Token secret');
      received.push(JSON.parse(Buffer.concat(chunks).toString()) as Envelope);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`, received, close: () => server.close() };
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('events', () => {
  it('posts push, pull and delete events in distribution envelopes, retrying a failing endpoint', async () => {
    const sink = await receiver(2);
    const reg = await startTestRegistry({
      notifications: [{ name: 'core', url: sink.url, headers: { authorization: 'Token secret' }, timeoutMs: 2000, threshold: 5, backoffMs: 50 }],
    });
    try {
      const image = makeImage('events');
      await pushImage(reg.url, 'ev/app', 'v1', image, { 'x-request-id': 'push-1' });
      await call(`${reg.url}/v2/ev/app/manifests/v1`);
      await call(`${reg.url}/v2/ev/app/manifests/${image.digest}`, { method: 'DELETE' });
      await until(() => sink.received.flatMap((e) => e.events).length >= 3);
      const events = sink.received.flatMap((e) => e.events);
      expect(events.map((e) => e.action)).toEqual(['push', 'pull', 'delete']);
      expect(events[0].target).toMatchObject({ digest: image.digest, repository: 'ev/app', tag: 'v1', mediaType: 'application/vnd.oci.image.manifest.v1+json', size: image.manifest.length });
      expect(events[0].request).toMatchObject({ id: 'push-1', method: 'PUT' });
      expect(events[2].target).toMatchObject({ digest: image.digest, repository: 'ev/app' });
    } finally {
      await reg.stop();
      sink.close();
    }
  });
});

describe('health of the storage', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'registry-health-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is healthy on a fresh volume whose root the first push creates, and after that push', async () => {
    const root = join(dir, 'fresh', 'registry');
    const reg = await startTestRegistry({ root });
    try {
      expect((await call(`${reg.url}/health`)).status).toBe(200);
      await pushImage(reg.url, 'fresh/app', 'v1', makeImage('fresh'));
      expect((await call(`${reg.url}/health`)).json()).toEqual({ status: 'healthy', storage: 'filesystem' });
    } finally {
      await reg.stop();
    }
  });

  it('is 503 when the root cannot be read (a symlink loop, as a broken mount gives)', async () => {
    const root = join(dir, 'loop');
    await symlink(root, root);
    const reg = await startTestRegistry({ root });
    try {
      const res = await call(`${reg.url}/health`);
      expect(res.status).toBe(503);
      expect(res.json()).toEqual({ status: 'unhealthy', storage: 'filesystem' });
    } finally {
      await reg.stop();
    }
  });
});

describe('health, metrics and request ids', () => {
  it('serves /health, counts requests and bytes in /metrics, and echoes X-Request-Id', async () => {
    const reg = await startTestRegistry();
    try {
      expect((await call(`${reg.url}/health`)).json()).toEqual({ status: 'healthy', storage: 'filesystem' });
      const image = makeImage('metrics');
      await pushImage(reg.url, 'm/app', 'v1', image);
      const res = await call(`${reg.url}/v2/m/app/manifests/v1`, { headers: { 'x-request-id': 'abc-123' } });
      expect(res.headers.get('x-request-id')).toBe('abc-123');
      expect((await call(`${reg.url}/v2/`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const metrics = (await call(`${reg.url}/metrics`)).body.toString();
      expect(metrics).toMatch(/registry_http_requests_total\{method="GET",handler="manifest",code="200"\} 1/);
      expect(metrics).toMatch(/registry_http_requests_total\{method="PUT",handler="manifest",code="201"\} 1/);
      expect(metrics).toMatch(/registry_http_request_duration_seconds_bucket\{le="[0-9.]+",method="POST",handler="blob_upload"\}/);
      const bytesIn = /registry_http_in_bytes_total\{handler="blob_upload"\} (\d+)/.exec(metrics);
      expect(Number(bytesIn?.[1])).toBeGreaterThan(image.layers[0].length);
      expect(metrics).not.toMatch(/route=/); // distribution's label name, which Harbor's dashboards select on
      const bytesOut = /registry_http_out_bytes_total\{handler="manifest"\} (\d+)/.exec(metrics);
      expect(Number(bytesOut?.[1])).toBeGreaterThan(image.manifest.length);
    } finally {
      await reg.stop();
    }
  });
});
