import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one registry instance (its own prom-client Registry: no globals). */
export class RegistryMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'registry_http_requests_total',
    help: 'HTTP requests by method, route and status code.',
    labelNames: ['method', 'route', 'code'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'registry_http_request_duration_seconds',
    help: 'HTTP request latency by method and route.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly bytesIn = new Counter({
    name: 'registry_http_in_bytes_total',
    help: 'Bytes received, headers included, by route.',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });
  readonly bytesOut = new Counter({
    name: 'registry_http_out_bytes_total',
    help: 'Bytes sent, headers included, by route.',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  constructor(withProcessMetrics: boolean) {
    if (withProcessMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'registry_' });
  }
}
