import type { CoreConfig } from '@harbor-ts/config';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pino from 'pino';
import { startTestRegistry, type TestRegistry } from '../../../registry/test/support/test-registry';
import { type CoreApp, createCoreApp } from '../../src/app';
import { ensureTokenKeys } from '../../src/bootstrap/token-keys';
import { createTestDatabase, type TestDatabase } from './test-database';

export const ADMIN = { username: 'admin', password: 'Harbor12345' };

export interface TestStackOptions {
  publicUrl?: string;
  tokenExpirationMinutes?: number;
  /** Configuration tweaks applied to core's slice before it starts. */
  core?: (config: CoreConfig) => CoreConfig;
}

export interface TestStack {
  /** Core's base URL (the front door for these tests until a proxy is put in front). */
  url: string;
  core: CoreApp;
  registry: TestRegistry;
  config: CoreConfig;
  database: TestDatabase;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the real registry (token auth with core's key) and the real core on loopback ports,
 * with a fresh database, a fresh Redis key prefix and a temp data directory.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'core-test-'));
  const keyFiles = await testTokenKeys(dataDir);
  const registry = await startTestRegistry({
    auth: { realm: 'http://127.0.0.1/service/token', service: 'harbor-registry', issuer: 'harbor-token-issuer', publicKeyFile: keyFiles.certificateFile },
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  const database = await createTestDatabase();
  let config: CoreConfig = {
    listen: { host: '127.0.0.1', port: 0 },
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    database: { host: '127.0.0.1', port: 5432, database: database.name, user: 'postgres', password: '', ssl: false, poolMax: 10, idleTimeoutMs: 10_000 },
    redis: { host: '127.0.0.1', port: 6379, db: 0, keyPrefix: `test:${database.name}:` },
    registryUrl: registry.url,
    // No jobservice unless a test starts one (test-jobservice.ts) and points core at it.
    jobserviceUrl: 'http://127.0.0.1:9',
    internalSecretFile: join(dataDir, 'secret', 'internal', 'secret'),
    adminPassword: ADMIN.password,
    token: { expirationMinutes: options.tokenExpirationMinutes ?? 30, service: 'harbor-registry', issuer: 'harbor-token-issuer', ...keyFiles },
    sessionTimeoutMinutes: 60,
    maxManifestBytes: 4 * 1024 * 1024,
    log: { level: 'error', sql: false },
  };
  if (options.core) config = options.core(config);
  const core = await createCoreApp(config, pino({ level: 'silent' }));
  const server = await core.app.listen(0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    core,
    registry,
    config,
    database,
    dataDir,
    async stop() {
      await dropRedisKeys(core, config.redis.keyPrefix);
      await core.close();
      await registry.stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Making an RSA key takes a moment; tests share one per machine and copy it into place. */
async function testTokenKeys(dataDir: string): Promise<{ privateKeyFile: string; certificateFile: string }> {
  const shared = join(tmpdir(), 'harbor-ts-test-keys');
  await ensureTokenKeys(join(shared, 'private_key.pem'), join(shared, 'root.crt'));
  const privateKeyFile = join(dataDir, 'secret', 'core', 'private_key.pem');
  const certificateFile = join(dataDir, 'secret', 'registry', 'root.crt');
  for (const [from, to] of [[join(shared, 'private_key.pem'), privateKeyFile], [join(shared, 'root.crt'), certificateFile]]) {
    await mkdir(dirname(to), { recursive: true });
    await copyFile(from, to);
  }
  return { privateKeyFile, certificateFile };
}

async function dropRedisKeys(core: CoreApp, prefix: string): Promise<void> {
  const redis = core.deps.redis;
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys.map((k) => k.slice(prefix.length)));
}

export function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}
