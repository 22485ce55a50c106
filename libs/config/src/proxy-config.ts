import { deepFreeze } from './freeze';
import type { HarborConfig } from './load';
import { internalUrls, portalUrl, publicUrl } from './paths';
import { type LogLevel, logLevel } from './registry-config';

export interface MetricsRouting {
  port: number;
  path: string;
  upstreams: { core: string; registry: string; jobservice: string; registryctl: string };
}

/** The proxy's view: the public ports and where each route goes. */
export interface ProxyConfig {
  http: { port: number };
  /** Present when https.certificate and https.private_key are set: http then redirects here. */
  https?: { port: number; certificateFile: string; privateKeyFile: string };
  publicUrl?: string;
  upstreams: { core: string; registry: string; portal?: string };
  /**
   * Present when metric.enabled: a listener on `port` serving `path`, which relays
   * `?comp=core|registry|jobservice|registryctl|exporter` to each service's internal endpoint.
   */
  metrics?: MetricsRouting;
  log: { level: LogLevel };
}

export function proxyConfig(c: HarborConfig): ProxyConfig {
  const urls = internalUrls(c);
  const slice: ProxyConfig = {
    http: { port: c.http.port },
    ...(c.https ? { https: { port: c.https.port, certificateFile: c.https.certificate, privateKeyFile: c.https.private_key } } : {}),
    ...(publicUrl(c) ? { publicUrl: publicUrl(c) } : {}),
    upstreams: { core: urls.core, registry: urls.registry, portal: portalUrl(c) },
    ...(c.metric.enabled ? { metrics: { port: c.metric.port, path: c.metric.path, upstreams: urls } } : {}),
    log: { level: logLevel(c) },
  };
  return deepFreeze(slice) as ProxyConfig;
}
