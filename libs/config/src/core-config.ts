import { deepFreeze } from './freeze';
import type { HarborConfig } from './load';
import { internalUrls, publicUrl, tokenCertificateFile, tokenPrivateKeyFile } from './paths';
import { type LogLevel, logLevel } from './registry-config';
import { parseDuration } from './units';

export interface DatabaseConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  ssl: boolean;
  poolMax: number;
  idleTimeoutMs: number;
}

export interface RedisConfig {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  keyPrefix: string;
}

/** The core service's view of the configuration. */
export interface CoreConfig {
  listen: { host: string; port: number };
  publicUrl?: string;
  database: DatabaseConfig;
  redis: RedisConfig;
  registryUrl: string;
  adminPassword: string;
  token: { expirationMinutes: number; service: string; issuer: string; privateKeyFile: string; certificateFile: string };
  sessionTimeoutMinutes: number;
  maxManifestBytes: number;
  log: { level: LogLevel; sql: boolean };
}

export function coreConfig(c: HarborConfig): CoreConfig {
  const slice: CoreConfig = {
    listen: { host: c.core.bind, port: c.core.port },
    ...(publicUrl(c) ? { publicUrl: publicUrl(c) } : {}),
    database: databaseConfig(c),
    redis: redisConfig(c),
    registryUrl: internalUrls(c).registry,
    adminPassword: c.harbor_admin_password,
    token: {
      expirationMinutes: c.core.token_expiration,
      service: c.registry.token?.service ?? 'harbor-registry',
      issuer: c.registry.token?.issuer ?? 'harbor-token-issuer',
      privateKeyFile: tokenPrivateKeyFile(c),
      certificateFile: tokenCertificateFile(c),
    },
    sessionTimeoutMinutes: c.core.session_timeout,
    maxManifestBytes: c.registry.max_manifest_bytes,
    log: { level: logLevel(c), sql: c.core.log_sql },
  };
  return deepFreeze(slice) as CoreConfig;
}

/** external_database.harbor when given; otherwise the bundled database on loopback. */
function databaseConfig(c: HarborConfig): DatabaseConfig {
  const ext = c.external_database?.harbor;
  if (ext) {
    return {
      host: ext.host,
      port: ext.port,
      database: ext.db_name,
      user: ext.username,
      password: ext.password,
      ssl: ext.ssl_mode !== 'disable',
      poolMax: ext.max_open_conns > 0 ? Math.min(ext.max_open_conns, 100) : 20,
      idleTimeoutMs: 30_000,
    };
  }
  const d = c.database;
  return {
    host: '127.0.0.1',
    port: 5432,
    database: 'registry',
    user: 'postgres',
    password: d.password,
    ssl: false,
    poolMax: Math.min(d.max_open_conns, 100),
    idleTimeoutMs: parseDuration(d.conn_max_idle_time, 'database.conn_max_idle_time') || 30_000,
  };
}

function redisConfig(c: HarborConfig): RedisConfig {
  const ext = c.external_redis;
  const [host, port] = ext ? splitHostPort(ext.host) : ['127.0.0.1', 6379];
  return {
    host,
    port,
    ...(ext?.username ? { username: ext.username } : {}),
    ...(ext?.password ? { password: ext.password } : {}),
    db: (ext ?? c.redis).harbor_db_index,
    keyPrefix: c.core.redis_key_prefix,
  };
}

function splitHostPort(value: string): [string, number] {
  const i = value.lastIndexOf(':');
  return i < 0 ? [value, 6379] : [value.slice(0, i), Number(value.slice(i + 1))];
}
