import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, type Registry, Summary } from 'prom-client';

/**
 * Harbor's request metrics (src/lib/metric in Harbor), named `harbor_<subsystem>_http_*`:
 * requests by method, status code and operation, their duration as a summary (Harbor's
 * objectives: the median, 90th and 99th percentile over ten minutes), and those in flight.
 */
export class HttpMetrics {
  readonly requests: Counter<'method' | 'code' | 'operation'>;
  readonly duration: Summary<'method' | 'operation'>;
  readonly inflight: Gauge;

  constructor(registry: Registry, subsystem: string) {
    const prefix = `harbor_${subsystem}_http_`;
    this.inflight = new Gauge({ name: `${prefix}inflight_requests`, help: 'The total number of requests', registers: [registry] });
    this.requests = new Counter({
      name: `${prefix}request_total`,
      help: 'The total number of requests',
      labelNames: ['method', 'code', 'operation'] as const,
      registers: [registry],
    });
    this.duration = new Summary({
      name: `${prefix}request_duration_seconds`,
      help: 'The time duration of the requests',
      labelNames: ['method', 'operation'] as const,
      percentiles: [0.5, 0.9, 0.99],
      maxAgeSeconds: 600,
      ageBuckets: 5,
      registers: [registry],
    });
  }

  /**
   * Counts one exchange from now until its response closes (finished or cut). `operation` is
   * asked at the end, when routing has named it; it must return a bounded set of values.
   */
  track(req: IncomingMessage, res: ServerResponse, operation: () => string): void {
    const started = process.hrtime.bigint();
    const method = req.method ?? 'GET';
    this.inflight.inc();
    res.once('close', () => {
      this.inflight.dec();
      const op = operation();
      this.requests.inc({ method, code: String(res.statusCode), operation: op });
      this.duration.observe({ method, operation: op }, Number(process.hrtime.bigint() - started) / 1e9);
    });
  }

  /** The same as connect/express middleware; `operation` reads the request once it is served. */
  middleware(operation: (req: IncomingMessage) => string) {
    return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
      this.track(req, res, () => operation(req));
      next();
    };
  }
}

/** Harbor's label for requests no route claimed. */
export const UNKNOWN_OPERATION = 'unknown';

/**
 * The express route template that served the request ("/api/v2.0/projects/:id"), which
 * express leaves on `req.route`; "unknown" when no route matched. Templates keep the
 * operation label bounded where raw paths would not be.
 */
export function routeTemplate(req: IncomingMessage): string {
  const path = (req as IncomingMessage & { route?: { path?: unknown } }).route?.path;
  if (typeof path === 'string') return path;
  return path instanceof RegExp ? String(path) : UNKNOWN_OPERATION;
}
