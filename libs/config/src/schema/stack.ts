import { z } from 'zod';
import { bool, duration, hostName, int, nonEmpty, oneOf, port, text } from './primitives';

// Sections for the services behind the proxy: PostgreSQL, Redis and core. Harbor's keys keep
// Harbor's names and defaults (make/harbor.yml.tmpl); `core:` holds what Harbor sets through
// the environment of its core container.

/** Harbor's bundled database: only its password is configurable. */
export const databaseSection = z.strictObject({
  /** Where the bundled database runs; compose sets its container name. Not a Harbor key. */
  host: hostName().prefault('127.0.0.1'),
  password: text().prefault('root123'),
  max_idle_conns: int(0).prefault(100),
  max_open_conns: int(0).prefault(900),
  conn_max_lifetime: duration().prefault('5m'),
  conn_max_idle_time: duration().prefault(0),
});

function redisHost() {
  return nonEmpty().refine((h) => /^[^\s:/]+(:\d{1,5})?$/.test(h), { error: 'expected host or host:port' });
}

/**
 * The name other services reach a service by (a compose service or Kubernetes Service name).
 * Absent: the loopback form of `bind`, which is right when every service runs on one machine.
 */
export function internalHost() {
  return hostName().optional();
}

const sslModes = ['disable', 'require', 'verify-ca', 'verify-full'] as const;

/** An operator-run PostgreSQL (external_database.harbor). */
export const externalDatabaseSection = z.strictObject({
  harbor: z.strictObject({
    host: hostName(),
    port: port().prefault(5432),
    db_name: nonEmpty().prefault('registry'),
    username: nonEmpty().prefault('postgres'),
    password: text().prefault(''),
    ssl_mode: oneOf(sslModes).prefault('disable'),
    max_idle_conns: int(0).prefault(2),
    max_open_conns: int(0).prefault(0),
  }),
});

/** Harbor's bundled Redis: database indexes per component (core uses harbor_db_index). */
export const redisSection = z.strictObject({
  /** Where the bundled Redis runs, host or host:port; compose sets its container name. Not a Harbor key. */
  host: redisHost().prefault('127.0.0.1:6379'),
  registry_db_index: int(0, 15).prefault(1),
  jobservice_db_index: int(0, 15).prefault(2),
  trivy_db_index: int(0, 15).prefault(5),
  harbor_db_index: int(0, 15).prefault(0),
  cache_layer_db_index: int(0, 15).prefault(0),
});

/** An operator-run Redis; `host` is host:port as in Harbor. */
export const externalRedisSection = redisSection.extend({
  host: redisHost(),
  username: text().optional(),
  password: text().optional(),
});

/** The core service: internal address and the settings Harbor keeps in core's environment. */
export const coreSection = z.strictObject({
  bind: hostName().prefault('127.0.0.1'),
  host: internalHost(),
  port: port().prefault(8180),
  /** Minutes a registry token stays valid (Harbor's token_expiration). */
  token_expiration: int(1).prefault(30),
  /** Minutes a portal session lives without activity (Harbor's session_timeout). */
  session_timeout: int(1).prefault(60),
  /** Prefix of every Redis key core writes, so stacks can share one Redis. */
  redis_key_prefix: text().prefault('harbor:'),
  /** Harbor's quota_update_provider; only `db` exists here. */
  quota_update_provider: oneOf(['db', 'redis']).prefault('db'),
  /** Log each SQL statement (debugging only). */
  log_sql: bool().prefault(false),
});

/** Harbor's jobservice keys, plus where it listens inside the stack. */
export const jobserviceSection = z.strictObject({
  max_job_workers: int(1, 100).prefault(10),
  max_job_duration_hours: int(1).prefault(24),
  job_loggers: z.array(oneOf(['STD_OUTPUT', 'FILE', 'DB'])).prefault(['STD_OUTPUT', 'FILE']),
  /** Days job logs are kept. */
  logger_sweeper_duration: int(0).prefault(1),
  bind: hostName().prefault('127.0.0.1'),
  host: internalHost(),
  port: port().prefault(8280),
});

/** Harbor's webhook delivery settings. */
export const notificationSection = z.strictObject({
  webhook_job_max_retry: int(0, 100).prefault(3),
  /** Seconds. */
  webhook_job_http_client_timeout: int(1, 600).prefault(3),
});

/** The registry control service (Harbor sets it through its container environment). */
export const registryctlSection = z.strictObject({
  bind: hostName().prefault('127.0.0.1'),
  host: internalHost(),
  port: port().prefault(8380),
});

/** The web portal's server (Harbor's portal container); the proxy sends it every other path. */
export const portalSection = z.strictObject({
  bind: hostName().prefault('127.0.0.1'),
  host: internalHost(),
  port: port().prefault(8580),
});
