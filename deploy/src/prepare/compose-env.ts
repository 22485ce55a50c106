import { type HarborConfig, jobserviceConfig, registryConfig } from '@harbor-ts/config';
import { chmod, chown, copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

// What docker-compose.yml needs from harbor.yml: host paths to mount, ports to publish, which
// override files apply. ./prepare writes it as a shell file that ./install.sh sources before
// running docker compose (shell variables reach compose's interpolation verbatim).

/** The user the images run as when ./install.sh runs as root (the Dockerfile's `harbor`). */
export const CONTAINER_UID = 10000;

/** Where the proxy container finds the https files ./prepare copies under data_volume. */
const CERT_DIR = '/data/secret/cert';

export interface ComposeSetup {
  variables: Record<string, string>;
  /** Host directories the containers write to, owned by the container user. */
  directories: string[];
  /** https files copied under data_volume, so the proxy container can read them. */
  copies: { from: string; to: string; mode: number }[];
}

export function composeSetup(c: HarborConfig, configFile: string, uid: number, gid: number): ComposeSetup {
  const certDir = join(secretDirectory(c), 'cert');
  const files = ['docker-compose.yml', ...(c.https ? ['deploy/docker/compose.https.yml'] : []), ...(c.metric.enabled ? ['deploy/docker/compose.metric.yml'] : [])];
  const logLocation = c.log.local?.location ?? '/var/log/harbor';
  const variables: Record<string, string> = {
    COMPOSE_PROJECT_NAME: 'harbor',
    COMPOSE_FILE: files.join(':'),
    HARBOR_YML: configFile,
    HARBOR_DATA_VOLUME: c.data_volume,
    HARBOR_STORAGE_DIR: registryConfig(c).storage.rootDirectory,
    HARBOR_LOG_LOCATION: logLocation,
    HARBOR_HTTP_PORT: String(c.http.port),
    HARBOR_DB_PASSWORD: c.database.password,
    HARBOR_UID: String(uid),
    HARBOR_GID: String(gid),
    ...(c.https
      ? { HARBOR_HTTPS_PORT: String(c.https.port), HARBOR_HTTPS_CERTIFICATE: `${CERT_DIR}/server.crt`, HARBOR_HTTPS_PRIVATE_KEY: `${CERT_DIR}/server.key` }
      : {}),
    ...(c.metric.enabled ? { HARBOR_METRIC_PORT: String(c.metric.port) } : {}),
  };
  return {
    variables,
    directories: [variables.HARBOR_STORAGE_DIR, jobserviceConfig(c).jobLogDirectory, logLocation, certDir],
    copies: c.https
      ? [
          { from: c.https.certificate, to: join(certDir, 'server.crt'), mode: 0o644 },
          { from: c.https.private_key, to: join(certDir, 'server.key'), mode: 0o600 },
        ]
      : [],
  };
}

/** <data_volume>/secret: the token keys, the internal secret, the https files. */
export function secretDirectory(c: HarborConfig): string {
  return join(c.data_volume, 'secret');
}

/**
 * Creates the directories, copies the https files, and hands them to the container user: the
 * secret tree entirely (small, and ./prepare may just have written files in it as root), the
 * data directories only at their top (what the services write inside is theirs already).
 */
export async function applyComposeSetup(setup: ComposeSetup, secretDir: string, uid: number, gid: number): Promise<void> {
  for (const dir of setup.directories) await mkdir(dir, { recursive: true });
  for (const { from, to, mode } of setup.copies) {
    await copyFile(from, to);
    await chmod(to, mode);
  }
  for (const dir of setup.directories) await chown(dir, uid, gid);
  await chownTree(secretDir, uid, gid);
}

async function chownTree(path: string, uid: number, gid: number): Promise<void> {
  await chown(path, uid, gid);
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.isDirectory()) await chownTree(join(path, entry.name), uid, gid);
    else await chown(join(path, entry.name), uid, gid);
  }
}

/** KEY='value' lines a POSIX shell can source; single quotes keep every character as written. */
export function shellAssignments(variables: Record<string, string>): string {
  const quote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
  return Object.entries(variables).map(([k, v]) => `${k}=${quote(v)}\n`).join('');
}
