import { join, resolve } from 'node:path';
import { deepFreeze } from './freeze';
import type { HarborConfig } from './load';
import { internalSecretFile } from './paths';
import { type LogLevel, logLevel } from './registry-config';

/** registryctl: deletes from registry storage on behalf of GC, behind the internal secret. */
export interface RegistryctlConfig {
  listen: { host: string; port: number };
  storage: { rootDirectory: string };
  internalSecretFile: string;
  /** metric.enabled: request metrics on the internal GET /metrics. Absent means off. */
  metricsEnabled?: boolean;
  log: { level: LogLevel };
}

export function registryctlConfig(c: HarborConfig): RegistryctlConfig {
  const slice: RegistryctlConfig = {
    listen: { host: c.registryctl.bind, port: c.registryctl.port },
    storage: { rootDirectory: resolve(c.storage_service.filesystem?.rootdirectory ?? join(c.data_volume, 'registry')) },
    internalSecretFile: internalSecretFile(c),
    metricsEnabled: c.metric.enabled,
    log: { level: logLevel(c) },
  };
  return deepFreeze(slice) as RegistryctlConfig;
}
