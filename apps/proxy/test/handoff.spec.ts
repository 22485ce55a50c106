import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { send } from './support/client';
import { freePort, startUpstream, type TestUpstream } from './support/upstream';
import { bundleServiceMain, type TestBundle } from '../../registry/test/support/test-bundle';

// Connection handoff as `npm start` runs it: proxy and registry as processes, this test in the
// launcher's place relaying the proxy's sockets to the registry over IPC (tools/scripts/start.mjs).

const repoRoot = resolve(__dirname, '../../../..');
const BLOB = randomBytes(8 * 1024 * 1024 + 123);
const DIGEST = `sha256:${createHash('sha256').update(BLOB).digest('hex')}`;
const BLOB_PATH = `/v2/library/handoff/blobs/${DIGEST}`;
const BEARER = { authorization: 'Bearer any' }; // routes to the fast path; this registry is open

interface Service {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

let work: string;
let bundles: TestBundle[];
let core: TestUpstream;
let registry: Service;
let proxy: Service;
let registryUrl: string;
let proxyUrl: string;

function startService(main: string, config: string): Promise<Service> {
  const child = spawn(process.execPath, [main, '--config', config], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  return new Promise((ok, fail) => {
    child.on('message', (m) => m === 'ready' && ok({ child, output: () => text, exited }));
    void exited.then((code) => fail(new Error(`exited ${code}: ${text}`)));
  });
}

function relay(from: ChildProcess, to: ChildProcess): void {
  from.on('message', (message: { type?: string }, socket?: Socket) => {
    if (message?.type === 'harbor:handoff' && socket) to.send(message, socket);
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'proxy-handoff-'));
  bundles = [await bundleServiceMain('proxy'), await bundleServiceMain('registry')];
  core = await startUpstream('core');
  const [httpPort, registryPort] = [await freePort(), await freePort()];
  const config = join(work, 'harbor.yml');
  await writeFile(
    config,
    ['hostname: 127.0.0.1', `data_volume: ${work}/data`, 'http:', `  port: ${httpPort}`, 'log:', '  level: debug', 'core:', `  port: ${new URL(core.url).port}`, 'registry:', `  port: ${registryPort}`, ''].join('\n'),
  );
  registry = await startService(bundles[1].file, config);
  proxy = await startService(bundles[0].file, config);
  relay(proxy.child, registry.child);
  registryUrl = `http://127.0.0.1:${registryPort}`;
  proxyUrl = `http://127.0.0.1:${httpPort}`;
  const pushed = await send(registryUrl, `/v2/library/handoff/blobs/uploads/?digest=${DIGEST}`, { method: 'POST', body: BLOB, headers: { 'content-type': 'application/octet-stream' } });
  expect(pushed.status).toBe(201);
}, 60_000);

afterAll(async () => {
  proxy?.child.kill('SIGTERM');
  registry?.child.kill('SIGTERM');
  await core?.close();
  await Promise.all(bundles.map((b) => b.remove()));
  await rm(work, { recursive: true, force: true });
});

const accessLines = (service: Service) => service.output().split('\n').filter((l) => l.includes('"msg":"request"')).map((l) => JSON.parse(l) as Record<string, unknown>);

/** The access-log line of one request, once the service has written it. */
async function accessLine(service: Service, requestId: string): Promise<Record<string, unknown>> {
  await until(() => accessLines(service).some((l) => l.requestId === requestId));
  return accessLines(service).find((l) => l.requestId === requestId)!;
}

/** One GET on a keep-alive connection, so a `Connection: close` answer means the server chose it. */
async function download(requestId: string, method = 'GET') {
  const agent = new Agent({ keepAlive: true });
  try {
    return await send(proxyUrl, BLOB_PATH, { method, headers: { ...BEARER, 'x-request-id': requestId }, agent });
  } finally {
    agent.destroy();
  }
}

describe('connection handoff from the proxy to the registry', () => {
  it('forwards downloads as usual until the launcher enables handoff', async () => {
    const reply = await download('handoff-0');
    expect(reply.status).toBe(200);
    expect(reply.headers.connection).toBe('keep-alive');
    expect(await accessLine(proxy, 'handoff-0')).toMatchObject({ upstream: 'registry', status: 200 });
    proxy.child.send('harbor:handoff-enabled');
    await until(() => proxy.output().includes('connection handoff to the registry enabled'));
  });

  it('hands a download over: the registry answers on the client socket, bytes intact, then the connection closes', async () => {
    const reply = await download('handoff-1');
    expect(reply.status).toBe(200);
    expect(reply.headers.connection).toBe('close');
    expect(reply.headers['docker-content-digest']).toBe(DIGEST);
    expect(`sha256:${createHash('sha256').update(reply.body).digest('hex')}`).toBe(DIGEST);
    expect(await accessLine(proxy, 'handoff-1')).toMatchObject({ upstream: 'registry (connection handed off)' });
    expect(await accessLine(registry, 'handoff-1')).toMatchObject({ method: 'GET', status: '200', route: 'blob' });
    expect(registry.output()).toContain('connection handed off by the proxy');
  });

  it('keeps a keep-alive client working: the request after a download opens a new connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const statuses: number[] = [];
      for (const path of ['/api/v2.0/ping', BLOB_PATH, '/api/v2.0/ping', BLOB_PATH, '/api/v2.0/ping']) {
        statuses.push(await get(path, agent));
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
    } finally {
      agent.destroy();
    }
  });

  it('keeps HEAD and HTTP/1.0 downloads on the forwarded path', async () => {
    const head = await download('handoff-head', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.connection).toBe('keep-alive');
    const http10 = await rawExchange(`GET ${BLOB_PATH} HTTP/1.0\r\nHost: x\r\nAuthorization: Bearer any\r\nX-Request-Id: handoff-10\r\n\r\n`);
    expect(http10.subarray(0, 12).toString()).toMatch(/^HTTP\/1\.[01] 200/);
    for (const id of ['handoff-head', 'handoff-10']) expect(await accessLine(proxy, id)).toMatchObject({ upstream: 'registry' });
  });

  it('lets no request pipelined behind a download reach the registry around core', async () => {
    const pipelined =
      `GET ${BLOB_PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer any\r\nX-Request-Id: handoff-p1\r\n\r\n` +
      `DELETE ${BLOB_PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer any\r\nX-Request-Id: handoff-p2\r\n\r\n`;
    const answer = await rawExchange(pipelined);
    expect(answer.subarray(0, 12).toString()).toBe('HTTP/1.1 200');
    expect(await accessLine(proxy, 'handoff-p1')).toMatchObject({ upstream: 'registry (connection handed off)' });
    expect(registry.output()).not.toContain('handoff-p2'); // the DELETE went to core, if anywhere
    expect((await send(registryUrl, BLOB_PATH, { method: 'HEAD' })).status).toBe(200);
  });

  it('stops cleanly on SIGTERM after handing connections off', async () => {
    proxy.child.kill('SIGTERM');
    expect(await proxy.exited).toBe(0);
  });
});

function get(path: string, agent: Agent): Promise<number> {
  const url = new URL(proxyUrl);
  return new Promise((ok, fail) => {
    const req = request({ host: url.hostname, port: url.port, path, agent, headers: path.startsWith('/v2/') ? BEARER : {} }, (res) => {
      const hash = createHash('sha256');
      res.on('data', (c: Buffer) => hash.update(c));
      res.on('end', () => {
        if (path.startsWith('/v2/') && `sha256:${hash.digest('hex')}` !== DIGEST) fail(new Error('digest mismatch'));
        else ok(res.statusCode ?? 0);
      });
    });
    req.on('error', fail);
    req.end();
  });
}

/** Writes raw bytes on one connection and collects everything until the server closes it. */
function rawExchange(bytes: string): Promise<Buffer> {
  const url = new URL(proxyUrl);
  return new Promise((ok, fail) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => ok(Buffer.concat(chunks)));
    socket.on('error', fail);
    socket.setTimeout(10_000, () => socket.destroy(new Error('no close within 10 s')));
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!condition()) throw new Error('timed out');
}
