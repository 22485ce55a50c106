import { once } from 'node:events';
import { get, type IncomingMessage } from 'node:http';
import { send } from './support/client';
import { startProxy, type RunningProxy } from './support/proxy';
import { startUpstream, type TestUpstream } from './support/upstream';

// Shutdown: stop accepting at once, let exchanges in flight finish within the grace period,
// cut whatever is still running when it ends.
let core: TestUpstream;

beforeAll(async () => {
  core = await startUpstream('core', (req, res) => {
    const parts = req.url === '/api/slow' ? 5 : Infinity;
    let sent = 0;
    const tick = setInterval(() => {
      if (res.destroyed) return clearInterval(tick);
      if (++sent > parts) {
        clearInterval(tick);
        res.end();
      } else {
        res.write(`part ${sent}\n`);
      }
    }, 50);
  });
});
afterAll(() => core.close());

function download(proxy: RunningProxy, path: string): Promise<IncomingMessage> {
  return once(get(`${proxy.base}${path}`, { agent: false }), 'response').then(([res]) => res as IncomingMessage);
}

describe('close', () => {
  it('lets an exchange in flight finish, and refuses new connections', async () => {
    const proxy = await startProxy({ upstreams: { core: core.url, registry: core.url } });
    const res = await download(proxy, '/api/slow');
    const closing = proxy.proxy.close(10_000);
    await expect(send(proxy.base, '/api/x')).rejects.toThrow(/ECONNREFUSED/);
    let body = '';
    for await (const chunk of res) body += String(chunk);
    expect(body).toBe('part 1\npart 2\npart 3\npart 4\npart 5\n');
    await closing;
  });

  it('cuts an exchange that outlives the grace period', async () => {
    const proxy = await startProxy({ upstreams: { core: core.url, registry: core.url } });
    const res = await download(proxy, '/api/endless');
    const started = Date.now();
    await proxy.proxy.close(200);
    await new Promise((closed) => res.on('error', () => undefined).on('close', closed));
    expect(res.complete).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('fails to start on a port already taken, with the listen error', async () => {
    const port = Number(new URL(core.url).port);
    const attempt = startProxy({ http: { port }, upstreams: { core: core.url, registry: core.url } });
    await expect(attempt).rejects.toThrow(/EADDRINUSE/);
  });
});
