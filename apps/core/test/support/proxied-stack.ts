import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { createProxy, type HarborProxy } from '../../../proxy/src/proxy';
import { startTestStack, type TestStack, type TestStackOptions } from './test-stack';

const exec = promisify(execFile);

export interface TlsFiles {
  /** A directory with ca.crt, usable as skopeo's --cert-dir and podman's --cert-dir. */
  certDir: string;
  caFile: string;
  certificateFile: string;
  privateKeyFile: string;
}

export interface ProxiedStack extends TestStack {
  /** host:port of the proxy's plain http port. */
  httpHost: string;
  /** host:port of the TLS port, when started with tls. */
  httpsHost?: string;
  /** host:port of the TLS proxy's plain port, which redirects to httpsHost. */
  redirectHost?: string;
  proxy: HarborProxy;
}

/**
 * The test stack with the real proxy in front, as clients meet it. With `tls`, a second proxy
 * serves https (its http port only redirects, as Harbor's nginx does), so tests reach the same
 * core and registry over plain http and over TLS.
 */
export async function startProxiedStack(options: TestStackOptions & { tls?: TlsFiles } = {}): Promise<ProxiedStack> {
  const stack = await startTestStack(options);
  const upstreams = { core: stack.url, registry: stack.registry.url };
  const log = pino({ level: 'silent' });
  const base = { ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}), upstreams, log: { level: 'error' as const } };
  const proxy = createProxy({ http: { port: 0 }, ...base }, log);
  const ports = await proxy.start();
  const tlsProxy = options.tls
    ? createProxy({ http: { port: 0 }, https: { port: 0, certificateFile: options.tls.certificateFile, privateKeyFile: options.tls.privateKeyFile }, ...base }, log)
    : undefined;
  const tlsPorts = await tlsProxy?.start();
  return {
    ...stack,
    proxy,
    httpHost: `127.0.0.1:${ports.http}`,
    ...(tlsPorts ? { httpsHost: `127.0.0.1:${tlsPorts.https}`, redirectHost: `127.0.0.1:${tlsPorts.http}` } : {}),
    async stop() {
      await Promise.all([proxy.close(100), tlsProxy?.close(100)]);
      await stack.stop();
    },
  };
}

/** A CA and a server certificate for 127.0.0.1 signed by it, made with openssl. */
export async function makeTestCa(dir: string): Promise<TlsFiles> {
  const certDir = join(dir, 'certs');
  await mkdir(certDir, { recursive: true });
  const f = (name: string) => join(dir, name);
  await exec('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=harbor-ts test CA', '-keyout', f('ca.key'), '-out', f('ca.crt')]);
  await exec('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', f('server.key'), '-out', f('server.csr')]);
  await writeFile(f('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await exec('openssl', ['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', f('san.ext'), '-out', f('server.crt')]);
  await exec('cp', [f('ca.crt'), join(certDir, 'ca.crt')]);
  return { certDir, caFile: f('ca.crt'), certificateFile: f('server.crt'), privateKeyFile: f('server.key') };
}
