import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

/** Where each service answers for its own metrics on its internal port (Harbor: /metrics). */
export const INTERNAL_METRICS_PATH = '/metrics';
/** Core's second endpoint: the exporter's metrics (Harbor runs these in a separate exporter). */
export const EXPORTER_METRICS_PATH = '/exporter/metrics';

/**
 * Answers a scrape with the registry in Prometheus' text format. A collector that fails makes
 * the whole scrape a 500, so Prometheus records it as down instead of storing partial data.
 */
export function metricsHandler(registry: Registry, onError?: (err: unknown) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    registry.metrics().then(
      (text) => {
        res.statusCode = 200;
        res.setHeader('Content-Type', registry.contentType);
        res.setHeader('Content-Length', Buffer.byteLength(text));
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      (err: unknown) => {
        onError?.(err);
        res.statusCode = 500;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end('metrics collection failed\n');
      },
    );
  };
}
