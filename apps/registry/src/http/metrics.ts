import { collectProcessMetrics } from '@harbor-ts/metrics';
import { Counter, Histogram, Registry } from 'prom-client';

// distribution's own handler names, which Harbor's Grafana dashboards select on; the rest of
// our route kinds (base, catalog, tags, manifest, blob, referrers, other) are already spelt alike.
const DISTRIBUTION_HANDLERS: Readonly<Record<string, string>> = { uploads: 'blob_upload', upload: 'blob_upload_chunk' };

/** The `handler` label distribution gives a request of this route kind. */
export function handlerLabel(routeKind: string): string {
  return DISTRIBUTION_HANDLERS[routeKind] ?? routeKind;
}

/**
 * Prometheus metrics of one registry instance (its own prom-client Registry: no globals), named
 * and labelled as distribution's (method, handler, code) so existing dashboards keep working.
 */
export class RegistryMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'registry_http_requests_total',
    help: 'HTTP requests by method, handler and status code.',
    labelNames: ['method', 'handler', 'code'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'registry_http_request_duration_seconds',
    help: 'HTTP request latency by method and handler.',
    labelNames: ['method', 'handler'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly bytesIn = new Counter({
    name: 'registry_http_in_bytes_total',
    help: 'Bytes received, headers included, by handler.',
    labelNames: ['handler'] as const,
    registers: [this.registry],
  });
  readonly bytesOut = new Counter({
    name: 'registry_http_out_bytes_total',
    help: 'Bytes sent, headers included, by handler.',
    labelNames: ['handler'] as const,
    registers: [this.registry],
  });

  constructor(withProcessMetrics: boolean) {
    if (withProcessMetrics) collectProcessMetrics(this.registry);
  }
}
