import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createRegistryctlApp } from '../../src/app';

export interface TestRegistryctl {
  url: string;
  root: string;
  secret: string;
  stop(): Promise<void>;
}

/** The real registryctl app on a random loopback port, over `root` (a fresh temp dir when not given). */
export async function startTestRegistryctl(options: { root?: string; secret?: string; metrics?: boolean } = {}): Promise<TestRegistryctl> {
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'registryctl-test-')));
  const secret = options.secret ?? randomBytes(16).toString('hex');
  const { app } = createRegistryctlApp({ rootDirectory: root, secret, log: pino({ level: 'silent' }), metrics: options.metrics });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((ok, fail) => server.once('listening', ok).once('error', fail));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    root,
    secret,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      if (!options.root) await rm(root, { recursive: true, force: true });
    },
  };
}
