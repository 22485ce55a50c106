import { join, resolve } from 'node:path';
import type { HarborConfig } from './load';

// Places every service agrees on, derived in one spot (Harbor's prepare writes the same files).

/** Core's token signing key, generated on first start (Harbor: secret/core/private_key.pem). */
export function tokenPrivateKeyFile(c: HarborConfig): string {
  return resolve(join(c.data_volume, 'secret', 'core', 'private_key.pem'));
}

/** The certificate the registry verifies tokens with (Harbor: secret/registry/root.crt). */
export function tokenCertificateFile(c: HarborConfig): string {
  return resolve(join(c.data_volume, 'secret', 'registry', 'root.crt'));
}

/**
 * external_url without a trailing slash, when set. Without it every service derives the public
 * address from the request (the proxy's X-Forwarded-Proto and X-Forwarded-Host).
 */
export function publicUrl(c: HarborConfig): string | undefined {
  return c.external_url?.replace(/\/+$/, '');
}

/**
 * The secret core, jobservice and registryctl authenticate each other with (Harbor passes
 * CORE_SECRET/JOBSERVICE_SECRET/REGISTRY_HTTP_SECRET); core generates it on first start.
 */
export function internalSecretFile(c: HarborConfig): string {
  return resolve(join(c.data_volume, 'secret', 'internal', 'secret'));
}

/**
 * Where the services reach each other inside the stack: each section's `host` (a compose or
 * Kubernetes service name) when set, otherwise the loopback form of its `bind`.
 */
export function internalUrls(c: HarborConfig): { core: string; registry: string; jobservice: string; registryctl: string } {
  const url = (s: { bind: string; host?: string; port: number }) => `http://${hostForUrl(s.host ?? loopbackOf(s.bind))}:${s.port}`;
  return { core: url(c.core), registry: url(c.registry), jobservice: url(c.jobservice), registryctl: url(c.registryctl) };
}

/** Where the proxy reaches the web portal's server, found the same way as internalUrls. */
export function portalUrl(c: HarborConfig): string {
  return `http://${hostForUrl(c.portal.host ?? loopbackOf(c.portal.bind))}:${c.portal.port}`;
}

function loopbackOf(bind: string): string {
  if (bind === '0.0.0.0') return '127.0.0.1';
  if (bind === '::') return '::1';
  return bind;
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
