import { send } from './support/client';
import { startProxy, type RunningProxy } from './support/proxy';
import { startUpstream, type TestUpstream } from './support/upstream';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let core: TestUpstream, registry: TestUpstream, proxy: RunningProxy;

/** Core here answers /headers/ with the headers a registry sends, exactly as raw headers. */
function coreHandler(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
  req.resume();
  if (req.url === '/v2/headers/manifests/1') {
    res.writeHead(201, [
      'Location', '/v2/headers/manifests/sha256:abc?x=%2F',
      'Link', '</v2/_catalog?last=a&n=1>; rel="next"',
      'Link', '</v2/other>; rel="other"',
      'WWW-Authenticate', 'Bearer realm="https://harbor.example/service/token",service="harbor-registry"',
      'Docker-Content-Digest', 'sha256:abc',
      'Set-Cookie', 'a=1; Path=/',
      'Set-Cookie', 'b=2; Path=/',
      'X-Request-Id', 'the-upstream-id',
      'Content-Length', '5',
    ]);
    res.end('hello');
  } else if (req.url === '/api/chunked') {
    res.write('first,');
    setTimeout(() => res.end('second'), 20);
  } else {
    res.setHeader('Content-Length', '11');
    res.end(req.method === 'HEAD' ? undefined : 'hello world');
  }
}

beforeAll(async () => {
  [core, registry] = await Promise.all([startUpstream('core', coreHandler), startUpstream('registry')]);
  proxy = await startProxy({ upstreams: { core: core.url, registry: registry.url } });
});
afterAll(async () => {
  await proxy.stop();
  await Promise.all([core.close(), registry.close()]);
});

const last = () => core.received[core.received.length - 1];

describe('headers to the upstream', () => {
  it('sets X-Forwarded-*, X-Real-IP and keeps the client Host', async () => {
    await send(proxy.base, '/api/v2.0/ping', { headers: { host: 'harbor.example:8080', 'x-forwarded-for': '10.1.2.3', 'x-real-ip': '6.6.6.6', 'x-forwarded-proto': 'https' } });
    expect(last().headers).toMatchObject({
      host: 'harbor.example:8080',
      'x-forwarded-for': '10.1.2.3, 127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': 'harbor.example:8080',
      'x-real-ip': '127.0.0.1',
    });
    await send(proxy.base, '/api/v2.0/ping');
    expect(last().headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(last().headers['x-forwarded-host']).toBe(`127.0.0.1:${proxy.ports.http}`);
  });

  it('drops hop-by-hop headers', async () => {
    await send(proxy.base, '/api/x', { headers: { 'proxy-connection': 'keep-alive', te: 'trailers', connection: 'close' } });
    expect(last().headers['proxy-connection']).toBeUndefined();
    expect(last().headers.te).toBeUndefined();
  });
});

describe('X-Request-Id', () => {
  it('keeps a sane client id and echoes it', async () => {
    const id = 'build-42.step_7-' + 'a'.repeat(150);
    const reply = await send(proxy.base, '/api/x', { headers: { 'x-request-id': id } });
    expect(last().headers['x-request-id']).toBe(id);
    expect(reply.headers['x-request-id']).toBe(id);
  });

  it('generates a UUID when the client sent none', async () => {
    const reply = await send(proxy.base, '/api/x');
    expect(reply.headers['x-request-id']).toMatch(UUID);
    expect(last().headers['x-request-id']).toBe(reply.headers['x-request-id']);
  });

  it.each(['has spaces', 'semi;colon', 'x'.repeat(201), 'new\tline'])('replaces the unsafe id %j', async (id) => {
    const reply = await send(proxy.base, '/api/x', { headers: { 'x-request-id': id } });
    expect(reply.headers['x-request-id']).toMatch(UUID);
    expect(last().headers['x-request-id']).toBe(reply.headers['x-request-id']);
  });

  it('is echoed on the proxy’s own errors, and the proxy’s id wins over the upstream’s', async () => {
    const blocked = await send(proxy.base, '/service/notifications', { headers: { 'x-request-id': 'mine' } });
    expect(blocked.headers['x-request-id']).toBe('mine');
    const relayed = await send(proxy.base, '/v2/headers/manifests/1', { method: 'PUT', headers: { 'x-request-id': 'mine-too' }, body: '{}' });
    expect(relayed.headers['x-request-id']).toBe('mine-too');
  });
});

describe('response headers', () => {
  it('relays status, Location, Link, Www-Authenticate, digests and cookies as sent', async () => {
    const reply = await send(proxy.base, '/v2/headers/manifests/1', { method: 'PUT', body: '{}' });
    expect(reply.status).toBe(201);
    const raw = reply.rawHeaders;
    const pairs = raw.flatMap((name, i) => (i % 2 === 0 ? [[name, raw[i + 1]]] : []));
    expect(pairs).toEqual(
      expect.arrayContaining([
        ['Location', '/v2/headers/manifests/sha256:abc?x=%2F'],
        ['Link', '</v2/_catalog?last=a&n=1>; rel="next"'],
        ['Link', '</v2/other>; rel="other"'],
        ['WWW-Authenticate', 'Bearer realm="https://harbor.example/service/token",service="harbor-registry"'],
        ['Docker-Content-Digest', 'sha256:abc'],
        ['Set-Cookie', 'a=1; Path=/'],
        ['Set-Cookie', 'b=2; Path=/'],
        ['Content-Length', '5'],
      ]),
    );
    expect(reply.body.toString()).toBe('hello');
  });

  it('relays a chunked body chunked, and HEAD with the upstream Content-Length', async () => {
    const chunked = await send(proxy.base, '/api/chunked');
    expect(chunked.headers['transfer-encoding']).toBe('chunked');
    expect(chunked.body.toString()).toBe('first,second');
    const head = await send(proxy.base, '/api/head', { method: 'HEAD' });
    expect(head.headers['content-length']).toBe('11');
    expect(head.body.length).toBe(0);
  });
});

describe('upstream connections', () => {
  it('are kept alive and reused across client connections', async () => {
    await send(proxy.base, '/api/warm');
    const before = core.connections();
    for (let i = 0; i < 5; i++) expect((await send(proxy.base, '/api/again')).status).toBe(200);
    expect(core.connections()).toBe(before);
  });
});
