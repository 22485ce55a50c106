import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openRequest, until } from './support/client';
import { MiB, patternChunks } from './support/pattern';
import { startProxy, type RunningProxy } from './support/proxy';
import { startUpstream, type Handler, type TestUpstream } from './support/upstream';

// An abort on either side of the proxy closes the other side, so no upstream keeps streaming
// into a dead client and no client waits forever on a dead upstream.
let core: TestUpstream, proxy: RunningProxy;
let handler: Handler = (_req, res) => res.end();

beforeAll(async () => {
  core = await startUpstream('core', (req, res) => handler(req, res));
  proxy = await startProxy({ upstreams: { core: core.url, registry: core.url } });
});
afterAll(async () => {
  await proxy.stop();
  await core.close();
});

const open = (path: string, method = 'GET', headers: Record<string, string | number> = {}) => openRequest(proxy.base, path, method, headers);

describe('aborts', () => {
  it('a client leaving mid-download closes the upstream response', async () => {
    const upstreamClosed = new Promise<boolean>((resolve) => {
      handler = (_req, res) => {
        res.on('close', () => resolve(res.writableFinished));
        void pipeline(Readable.from(patternChunks(1024 * MiB)), res).catch(() => undefined);
      };
    });
    const req = open('/v2/x/blobs/sha256:2', 'GET', { authorization: 'Bearer t' });
    req.end();
    const [res] = (await once(req, 'response')) as [IncomingMessage];
    let got = 0;
    for await (const c of res) if ((got += (c as Buffer).length) > 4 * MiB) break; // break destroys the socket
    expect(await upstreamClosed).toBe(false);
  });

  it('a client leaving mid-upload closes the upstream request', async () => {
    const upstreamClosed = new Promise<{ complete: boolean; bytes: number }>((resolve) => {
      handler = (req) => {
        let bytes = 0;
        req.on('data', (c: Buffer) => (bytes += c.length));
        req.on('close', () => resolve({ complete: req.complete, bytes }));
      };
    });
    const req = open('/v2/x/blobs/uploads/u2', 'PATCH', { 'content-length': 100 * MiB });
    req.on('error', () => undefined);
    for (const chunk of patternChunks(2 * MiB)) req.write(chunk);
    await until(() => core.received.some((r) => r.url === '/v2/x/blobs/uploads/u2'));
    req.destroy();
    const seen = await upstreamClosed;
    expect(seen.complete).toBe(false);
    expect(seen.bytes).toBeLessThanOrEqual(2 * MiB);
  });

  it('an upstream cutting a download short cuts the client response too', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Length': 10 * MiB });
      res.write(Buffer.alloc(MiB), () => setTimeout(() => res.socket?.destroy(), 50));
    };
    const req = open('/api/cut');
    req.end();
    const [res] = (await once(req, 'response')) as [IncomingMessage];
    let got = 0;
    res.on('data', (c: Buffer) => (got += c.length));
    await new Promise((closed) => res.on('error', () => undefined).on('close', closed));
    expect(res.complete).toBe(false);
    expect(got).toBeLessThan(10 * MiB);
  });
});
