import { join, resolve } from 'node:path';
import { deepFreeze } from './freeze';
import type { HarborConfig } from './load';
import { publicUrl, tokenCertificateFile } from './paths';
import { parseDuration } from './units';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface NotificationEndpoint {
  name: string;
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Consecutive failures after which the endpoint is reported as failing (delivery still retries). */
  threshold: number;
  /** First retry delay; it doubles per failure up to a minute. */
  backoffMs: number;
}

/** The registry service's view of the configuration. */
export interface RegistryConfig {
  listen: { host: string; port: number };
  /** external_url when set, without a trailing slash (for Location and Link headers). */
  publicUrl?: string;
  storage: { rootDirectory: string };
  deleteEnabled: boolean;
  /** Token auth; absent means an open registry. */
  auth?: { realm: string; service: string; issuer: string; publicKeyFile: string };
  notifications: NotificationEndpoint[];
  log: { level: LogLevel };
  uploadPurging: { enabled: boolean; ageMs: number; intervalMs: number; dryrun: boolean };
  maxManifestBytes: number;
}

// Harbor's levels are logrus's; ours are pino's, which has no "warning" and treats fatal as error.
const LOG_LEVELS: Record<HarborConfig['log']['level'], LogLevel> = {
  debug: 'debug',
  info: 'info',
  warning: 'warn',
  error: 'error',
  fatal: 'error',
};

export function logLevel(c: HarborConfig): LogLevel {
  return LOG_LEVELS[c.log.level];
}

/** Derives the registry's slice; frozen like the configuration it comes from. */
export function registryConfig(c: HarborConfig): RegistryConfig {
  const r = c.registry;
  const slice: RegistryConfig = {
    listen: { host: r.bind, port: r.port },
    ...(publicUrl(c) ? { publicUrl: publicUrl(c) } : {}),
    storage: { rootDirectory: resolve(c.storage_service.filesystem?.rootdirectory ?? join(c.data_volume, 'registry')) },
    deleteEnabled: r.delete_enabled,
    ...(r.token ? { auth: tokenAuth(c, r.token) } : {}),
    notifications: r.notifications.endpoints.filter((e) => !e.disabled).map(endpointConfig),
    log: { level: logLevel(c) },
    uploadPurging: {
      enabled: c.upload_purging.enabled,
      ageMs: parseDuration(c.upload_purging.age, 'upload_purging.age'),
      intervalMs: parseDuration(c.upload_purging.interval, 'upload_purging.interval'),
      dryrun: c.upload_purging.dryrun,
    },
    maxManifestBytes: r.max_manifest_bytes,
  };
  return deepFreeze(slice) as RegistryConfig;
}

type TokenSection = NonNullable<HarborConfig['registry']['token']>;
type EndpointSection = HarborConfig['registry']['notifications']['endpoints'][number];

/** Defaults point at core: its token service at the public address and the certificate it generates. */
function tokenAuth(c: HarborConfig, t: TokenSection): NonNullable<RegistryConfig['auth']> {
  const realm = t.realm ?? `${publicUrl(c) ?? `http://${c.hostname}:${c.http.port}`}/service/token`;
  const publicKeyFile = t.public_key ? resolve(t.public_key) : tokenCertificateFile(c);
  return { realm, service: t.service, issuer: t.issuer, publicKeyFile };
}

function endpointConfig(e: EndpointSection, i: number): NotificationEndpoint {
  const key = `registry.notifications.endpoints[${i}]`;
  return {
    name: e.name,
    url: e.url,
    headers: { ...e.headers },
    timeoutMs: parseDuration(e.timeout, `${key}.timeout`),
    threshold: e.threshold,
    backoffMs: parseDuration(e.backoff, `${key}.backoff`),
  };
}
