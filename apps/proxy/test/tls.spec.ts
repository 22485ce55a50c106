import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { createProxy } from '../src/proxy';
import { ProxyStartError } from '../src/tls';
import { send } from './support/client';
import { startProxy, type RunningProxy } from './support/proxy';
import { startUpstream, type TestUpstream } from './support/upstream';

let dir: string, certificateFile: string, privateKeyFile: string, ca: Buffer;
let core: TestUpstream, proxy: RunningProxy, behindUrl: RunningProxy;

/** A self-signed certificate for 127.0.0.1, made fresh for this run. */
async function selfSigned(): Promise<void> {
  dir = await mkdtemp(join(tmpdir(), 'proxy-tls-'));
  certificateFile = join(dir, 'cert.pem');
  privateKeyFile = join(dir, 'key.pem');
  await promisify(execFile)('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', privateKeyFile, '-out', certificateFile,
  ]);
  ca = await readFile(certificateFile);
}

beforeAll(async () => {
  await selfSigned();
  core = await startUpstream('core');
  const upstreams = { core: core.url, registry: core.url };
  proxy = await startProxy({ https: { port: 0, certificateFile, privateKeyFile }, upstreams });
  behindUrl = await startProxy({ https: { port: 0, certificateFile, privateKeyFile }, publicUrl: 'https://harbor.example.com', upstreams });
});
afterAll(async () => {
  await Promise.all([proxy.stop(), behindUrl.stop()]);
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

describe('https', () => {
  it('serves TLS with the configured certificate and tells the upstream the client used https', async () => {
    const reply = await send(`https://127.0.0.1:${proxy.ports.https}`, '/api/v2.0/ping', { ca });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-upstream']).toBe('core');
    const seen = core.received[core.received.length - 1].headers;
    expect(seen['x-forwarded-proto']).toBe('https');
    expect(seen['x-forwarded-host']).toBe(`127.0.0.1:${proxy.ports.https}`);
  });

  it.each(['GET', 'PUT', 'HEAD'])('answers %s on the http port with 308 to https, path and query kept', async (method) => {
    const path = '/v2/library%2Fapp/blobs/uploads/u?digest=sha256:1';
    const reply = await send(proxy.base, path, { method, body: method === 'PUT' ? 'body' : undefined, headers: { 'x-request-id': 'redir' } });
    expect(reply.status).toBe(308);
    expect(reply.headers.location).toBe(`https://127.0.0.1:${proxy.ports.https}${path}`);
    expect(reply.headers['x-request-id']).toBe('redir');
  });

  it('redirects to the Host the client used, without its port, plus the https port', async () => {
    const reply = await send(proxy.base, '/harbor', { headers: { host: 'harbor.local:8080' } });
    expect(reply.headers.location).toBe(`https://harbor.local:${proxy.ports.https}/harbor`);
    const odd = await send(proxy.base, '/x', { headers: { host: 'evil.example/"<>' } });
    expect(odd.headers.location).toBe(`https://127.0.0.1:${proxy.ports.https}/x`);
  });

  it('redirects to external_url when one is configured', async () => {
    const reply = await send(behindUrl.base, '/v2/_catalog?n=5', { method: 'PUT', body: 'x' });
    expect(reply.status).toBe(308);
    expect(reply.headers.location).toBe('https://harbor.example.com/v2/_catalog?n=5');
  });

  it('refuses to start when a certificate or key file is missing, naming the file', async () => {
    const upstreams = { core: core.url, registry: core.url };
    const make = (https: { certificateFile: string; privateKeyFile: string }) => () =>
      createProxy({ http: { port: 0 }, https: { port: 0, ...https }, upstreams, log: { level: 'info' } }, pino({ level: 'silent' }));
    const missing = join(dir, 'missing.pem');
    expect(make({ certificateFile: missing, privateKeyFile })).toThrow(ProxyStartError);
    expect(make({ certificateFile: missing, privateKeyFile })).toThrow(`cannot read https certificate file ${missing}: ENOENT`);
    expect(make({ certificateFile, privateKeyFile: missing })).toThrow(`cannot read https private key file ${missing}`);
    const garbage = join(dir, 'garbage.pem');
    await writeFile(garbage, 'not a certificate');
    expect(make({ certificateFile: garbage, privateKeyFile })).toThrow(`cannot use certificate ${garbage}`);
  });
});
