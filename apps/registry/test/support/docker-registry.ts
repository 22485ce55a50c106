import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Daemon } from './daemon';
import { freeLoopbackPort } from './free-port';
import { makeTempDir, removeDir } from './temp-dir';

export interface RunningRegistry {
  /** host:port, as in docker://HOST/repo:tag */
  host: string;
  url: string;
  /** Temp dir holding the registry's config, storage and log. */
  root: string;
  stop(): Promise<void>;
}

export interface DockerRegistryOptions {
  deleteEnabled?: boolean;
  /** Serve this storage root (kept after stop) instead of a fresh one inside the temp dir. */
  storageDir?: string;
}

const STARTUP_TIMEOUT_MS = 15_000;
const PORT_ATTEMPTS = 3;

/** Debian's `docker-registry serve` (distribution 2.8), filesystem storage in a temp dir. */
export async function startDockerRegistry(options: DockerRegistryOptions = {}): Promise<RunningRegistry> {
  const root = await makeTempDir('docker-registry');
  try {
    return await startOnSomeFreePort(root, options);
  } catch (error) {
    await removeDir(root);
    throw error;
  }
}

async function startOnSomeFreePort(root: string, options: DockerRegistryOptions): Promise<RunningRegistry> {
  for (let attempt = 1; ; attempt++) {
    const host = `127.0.0.1:${await freeLoopbackPort()}`;
    try {
      return await startOn(host, root, options);
    } catch (error) {
      if (attempt >= PORT_ATTEMPTS || !String(error).includes('address already in use')) throw error;
    }
  }
}

async function startOn(host: string, root: string, options: DockerRegistryOptions): Promise<RunningRegistry> {
  const configFile = join(root, 'config.yml');
  await writeFile(configFile, JSON.stringify(registryConfig(host, root, options), null, 2)); // YAML reads JSON
  const daemon = Daemon.start('docker-registry', ['serve', configFile], { env: envWithoutAwsCaBundle(), logFile: join(root, 'registry.log') });
  const url = `http://${host}`;
  try {
    await daemon.waitUntilReady(() => answersV2(url), STARTUP_TIMEOUT_MS);
  } catch (error) {
    await daemon.stop();
    throw error;
  }
  return { host, url, root, stop: () => stopAndRemove(daemon, root) };
}

function registryConfig(host: string, root: string, options: DockerRegistryOptions): object {
  return {
    version: 0.1,
    log: { level: 'info', accesslog: { disabled: false } },
    storage: {
      filesystem: { rootdirectory: options.storageDir ?? join(root, 'data') },
      delete: { enabled: options.deleteEnabled ?? false },
      maintenance: { uploadpurging: { enabled: false } },
    },
    http: { addr: host, secret: 'harbor-e2e-only' },
  };
}

/** An exported AWS_CA_BUNDLE makes distribution's s3 driver panic; harmless for filesystem storage, dropped anyway. */
function envWithoutAwsCaBundle(): NodeJS.ProcessEnv {
  const { AWS_CA_BUNDLE: _unused, ...env } = process.env;
  return env;
}

async function answersV2(url: string): Promise<boolean> {
  const response = await fetch(`${url}/v2/`);
  return response.status === 200;
}

async function stopAndRemove(daemon: Daemon, root: string): Promise<void> {
  await daemon.stop();
  await removeDir(root);
}
