import { z } from 'zod';
import { registrySection } from './registry';
import { cacheSection, outboundProxySection } from './cache-proxy';
import { logCollectorSection } from './log-collector';
import { coreSection, databaseSection, externalDatabaseSection, externalRedisSection, jobserviceSection, notificationSection, portalSection, redisSection, registryctlSection } from './stack';
import { bool, duration, existingFile, filePath, hostName, httpUrl, int, nonEmpty, oneOf, port, size, text } from './primitives';

// harbor.yml as Harbor's make/harbor.yml.tmpl shapes it, for the keys this product uses.
// Later services extend this schema; keys Harbor has and we do not model yet are listed in
// HARBOR_KEYS_NOT_MODELLED so loading a stock harbor.yml warns instead of failing.

const https = z.strictObject({
  port: port().prefault(443),
  /** Checked when the configuration loads, so every service reports a missing file by its key. */
  certificate: existingFile(),
  private_key: existingFile(),
  strong_ssl_ciphers: bool().prefault(false),
});

/** Only the filesystem driver exists so far; other drivers must fail loudly, not fall back. */
const unsupportedDriver = z.never({ error: 'storage driver not supported yet (only filesystem)' }).optional();

const storageService = z.strictObject({
  ca_bundle: filePath().optional(),
  filesystem: z
    .strictObject({ rootdirectory: filePath().optional(), maxthreads: int(25).optional() })
    .optional(),
  redirect: z.strictObject({ disable: bool().prefault(false) }).optional(),
  azure: unsupportedDriver,
  gcs: unsupportedDriver,
  s3: unsupportedDriver,
  swift: unsupportedDriver,
  oss: unsupportedDriver,
});

export const HARBOR_LOG_LEVELS = ['debug', 'info', 'warning', 'error', 'fatal'] as const;

const log = z.strictObject({
  level: oneOf(HARBOR_LOG_LEVELS).prefault('info'),
  local: z
    .strictObject({
      rotate_count: int(0).prefault(50),
      rotate_size: size().prefault('200M'),
      location: filePath().prefault('/var/log/harbor'),
    })
    .optional(),
  external_endpoint: z
    .strictObject({ protocol: oneOf(['tcp', 'udp']).prefault('tcp'), host: hostName(), port: port() })
    .optional(),
});

const uploadPurging = z.strictObject({
  enabled: bool().prefault(true),
  age: duration().prefault('168h'),
  interval: duration().prefault('24h'),
  dryrun: bool().prefault(false),
});

const metric = z.strictObject({
  enabled: bool().prefault(false),
  port: port().prefault(9090),
  path: nonEmpty()
    .refine((p) => p.startsWith('/'), { error: 'must start with /' })
    .prefault('/metrics'),
});

export const harborSchema = z.strictObject({
  /** Written by Harbor's migrator; accepted and ignored. */
  _version: text().optional(),
  hostname: hostName().prefault('localhost'),
  /** Set when a proxy in front changes the public address; wins over hostname. */
  external_url: httpUrl().optional(),
  http: z.strictObject({ port: port().prefault(80) }).prefault({}),
  https: https.optional(),
  /** Initial admin password, used on first start only. */
  harbor_admin_password: nonEmpty().prefault('Harbor12345'),
  data_volume: filePath().prefault('/data'),
  storage_service: storageService.prefault({}),
  log: log.prefault({}),
  upload_purging: uploadPurging.prefault({}),
  metric: metric.prefault({}),
  database: databaseSection.prefault({}),
  external_database: externalDatabaseSection.optional(),
  redis: redisSection.prefault({}),
  external_redis: externalRedisSection.optional(),
  core: coreSection.prefault({}),
  registry: registrySection.prefault({}),
  jobservice: jobserviceSection.prefault({}),
  notification: notificationSection.prefault({}),
  registryctl: registryctlSection.prefault({}),
  portal: portalSection.prefault({}),
  log_collector: logCollectorSection.prefault({}),
  cache: cacheSection.prefault({}),
  proxy: outboundProxySection.prefault({}),
});

/** Top-level keys Harbor's harbor.yml has that this product ignores for now. */
export const HARBOR_KEYS_NOT_MODELLED: ReadonlySet<string> = new Set([
  'ip_family', 'internal_tls', 'trivy', 'uaa', 'trace',
]);
