import { resolve } from 'node:path';
import { deepFreeze } from './freeze';
import type { HarborConfig } from './load';
import { type LogLevel, logLevel } from './registry-config';

/** The log collector's view: where it listens, and where the logs go (files or a remote syslog). */
export interface LogCollectorConfig {
  listen: { host: string; port: number };
  health: { host: string; port: number };
  /** Present unless an external endpoint is configured. */
  files?: { directory: string; rotateSizeBytes: number; rotateCount: number };
  /** log.external_endpoint: when set, nothing is written locally. */
  forward?: { protocol: 'tcp' | 'udp'; host: string; port: number };
  log: { level: LogLevel };
}

/** Where each service ships its logs (the collector's syslog TCP port). */
export interface LogShippingConfig {
  host: string;
  port: number;
}

export function logCollectorConfig(c: HarborConfig): LogCollectorConfig {
  const lc = c.log_collector;
  const external = c.log.external_endpoint;
  const local = c.log.local;
  const slice: LogCollectorConfig = {
    listen: { host: lc.bind, port: lc.port },
    health: { host: lc.bind, port: lc.health_port },
    ...(external
      ? { forward: { protocol: external.protocol, host: external.host, port: external.port } }
      : {
          files: {
            directory: resolve(local?.location ?? '/var/log/harbor'),
            rotateSizeBytes: local?.rotate_size ?? 200 * 1024 * 1024,
            rotateCount: local?.rotate_count ?? 50,
          },
        }),
    log: { level: logLevel(c) },
  };
  return deepFreeze(slice) as LogCollectorConfig;
}

export function logShippingConfig(c: HarborConfig): LogShippingConfig {
  const lc = c.log_collector;
  return deepFreeze({ host: lc.host ?? loopbackOf(lc.bind), port: lc.port }) as LogShippingConfig;
}

/** A wildcard bind is reached on loopback; anything else by its own address. */
function loopbackOf(bind: string): string {
  if (bind === '0.0.0.0') return '127.0.0.1';
  if (bind === '::') return '::1';
  return bind;
}
