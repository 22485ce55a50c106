import { z } from 'zod';
import { bool, httpUrl, int, oneOf, text } from './primitives';

// Two Harbor sections validated with Harbor's meaning. Nothing consumes them yet: core has no
// Redis cache layer and no service sends outbound traffic through a proxy so far. Validating
// them now means a stock harbor.yml with a typo here fails at start, not when they land.

/** Harbor's Redis cache of project, repository, artifact and manifest lookups. */
export const cacheSection = z.strictObject({
  enabled: bool().prefault(false),
  expire_hours: int(1).prefault(24),
});

/** The components Harbor's `proxy.components` may name. */
export const PROXY_COMPONENTS = ['core', 'jobservice', 'registry', 'trivy'] as const;

/**
 * Harbor's global outbound proxy: the listed components send traffic to the outside (webhook
 * targets, replication peers) through it; components never reach each other through it.
 */
export const outboundProxySection = z.strictObject({
  http_proxy: httpUrl().optional(),
  https_proxy: httpUrl().optional(),
  /** Comma-separated hosts or domains reached directly, as in the NO_PROXY convention. */
  no_proxy: text().optional(),
  components: z.array(oneOf(PROXY_COMPONENTS)).prefault([...PROXY_COMPONENTS]),
});
