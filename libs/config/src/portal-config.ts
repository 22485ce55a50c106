import { deepFreeze } from './freeze';
import type { HarborConfig } from './load';
import { type LogLevel, logLevel } from './registry-config';

/** portal-api: where it listens. It serves files only; the browser talks to core through the proxy. */
export interface PortalConfig {
  listen: { host: string; port: number };
  log: { level: LogLevel };
}

export function portalConfig(c: HarborConfig): PortalConfig {
  return deepFreeze({ listen: { host: c.portal.bind, port: c.portal.port }, log: { level: logLevel(c) } }) as PortalConfig;
}
