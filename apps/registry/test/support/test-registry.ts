import type { RegistryConfig } from '@harbor-ts/config';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createRegistryApp, type RegistryApp } from '../../src/app';

export interface TestRegistryOptions {
  deleteEnabled?: boolean;
  /** Reuse a storage root (restart tests); a fresh temp dir otherwise. */
  root?: string;
  auth?: RegistryConfig['auth'];
  notifications?: RegistryConfig['notifications'];
  maxManifestBytes?: number;
  publicUrl?: string;
}

export interface TestRegistry {
  host: string;
  url: string;
  root: string;
  parts: RegistryApp;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** Starts the real registry app in this process on a random loopback port with its own storage. */
export async function startTestRegistry(options: TestRegistryOptions = {}): Promise<TestRegistry> {
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'registry-test-')));
  const config: RegistryConfig = {
    listen: { host: '127.0.0.1', port: 0 },
    publicUrl: options.publicUrl,
    storage: { rootDirectory: root },
    deleteEnabled: options.deleteEnabled ?? true,
    auth: options.auth,
    notifications: options.notifications ?? [],
    log: { level: 'error' },
    uploadPurging: { enabled: false, ageMs: 0, intervalMs: 0, dryrun: true },
    maxManifestBytes: options.maxManifestBytes ?? 4 * 1024 * 1024,
  };
  const parts = createRegistryApp(config, pino({ level: 'silent' }));
  const server = parts.app.listen(0, '127.0.0.1');
  await new Promise<void>((ok, fail) => server.once('listening', ok).once('error', fail));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  return {
    host,
    url: `http://${host}`,
    root,
    parts,
    async stop({ keepData = false } = {}) {
      parts.notifier.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      if (!keepData && !options.root) await rm(root, { recursive: true, force: true });
    },
  };
}
