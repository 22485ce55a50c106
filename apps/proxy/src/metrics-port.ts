import type { MetricsRouting } from '@harbor-ts/config';
import { collectProcessMetrics, EXPORTER_METRICS_PATH, HttpMetrics, INTERNAL_METRICS_PATH, metricsHandler } from '@harbor-ts/metrics';
import { Agent, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { HANDED_OFF } from './handoff';
import type { Serve } from './request-context';

/** The components `?comp=` names, as on Harbor's metric port, plus registryctl and this proxy. */
export const METRIC_COMPONENTS = ['core', 'registry', 'jobservice', 'registryctl', 'exporter', 'proxy'] as const;
type Component = (typeof METRIC_COMPONENTS)[number];

/** The proxy's own metrics (harbor_proxy_http_*): every exchange, labelled by where it went. */
export class ProxyMetrics {
  readonly registry = new Registry();
  private readonly http = new HttpMetrics(this.registry, 'proxy');

  constructor() {
    collectProcessMetrics(this.registry);
  }

  /** Wraps a listener so each exchange is counted under the upstream that served it. */
  counted(serve: Serve): Serve {
    return (req, res, requestId) => {
      let upstream = 'proxy';
      this.http.track(req, res, () => (upstream === HANDED_OFF ? 'registry_handoff' : upstream));
      upstream = serve(req, res, requestId);
      return upstream;
    };
  }
}

/**
 * Harbor's nginx on metric.port: `metric.path?comp=<component>` relays the component's own
 * endpoint; without `comp` it serves the exporter's. Anything else is answered here, in plain
 * text because the caller is a scraper.
 */
export function metricsPort(routing: MetricsRouting, own: ProxyMetrics, log: Logger): { serve: Serve; close(): void } {
  const agent = new Agent({ keepAlive: true });
  const serveOwn = metricsHandler(own.registry, (err) => log.error({ err }, 'metrics collection failed'));
  const targets: Record<Exclude<Component, 'proxy'>, string> = {
    core: `${base(routing.upstreams.core)}${INTERNAL_METRICS_PATH}`,
    registry: `${base(routing.upstreams.registry)}${INTERNAL_METRICS_PATH}`,
    jobservice: `${base(routing.upstreams.jobservice)}${INTERNAL_METRICS_PATH}`,
    registryctl: `${base(routing.upstreams.registryctl)}${INTERNAL_METRICS_PATH}`,
    exporter: `${base(routing.upstreams.core)}${EXPORTER_METRICS_PATH}`,
  };
  const serve: Serve = (req, res, requestId) => {
    const url = new URL(req.url ?? '/', 'http://metrics.invalid');
    if (url.pathname !== routing.path) return answer(res, 404, `not found: metrics are served at ${routing.path}\n`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'only GET and HEAD\n', { Allow: 'GET, HEAD' });
    const comp = url.searchParams.get('comp') ?? 'exporter';
    if (!(METRIC_COMPONENTS as readonly string[]).includes(comp)) {
      return answer(res, 400, `unknown comp "${comp.slice(0, 64)}": use one of ${METRIC_COMPONENTS.join(', ')}\n`);
    }
    if (comp === 'proxy') {
      serveOwn(req, res);
      return 'proxy';
    }
    relay(req, res, targets[comp as Exclude<Component, 'proxy'>], agent, requestId, log);
    return comp;
  };
  return { serve, close: () => agent.destroy() };
}

function base(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Streams the component's answer back: status, content type, body. */
function relay(req: IncomingMessage, res: ServerResponse, target: string, agent: Agent, requestId: string, log: Logger): void {
  const upstream = request(target, { method: req.method, agent, headers: { accept: req.headers.accept ?? '*/*', 'x-request-id': requestId } }, (up) => {
    res.statusCode = up.statusCode ?? 502;
    for (const name of ['content-type', 'content-length', 'content-encoding']) {
      const value = up.headers[name];
      if (value !== undefined) res.setHeader(name, value);
    }
    pipeline(up, res, (err) => {
      if (err) log.warn({ requestId, target, err: err.message }, 'metrics relay cut short');
    });
  });
  upstream.on('error', (err) => {
    log.warn({ requestId, target, err: err.message }, 'metrics endpoint unavailable');
    if (!res.headersSent) answer(res, 502, `metrics endpoint unavailable: ${(err as NodeJS.ErrnoException).code ?? err.message}\n`);
    else res.destroy();
  });
  res.once('close', () => {
    if (!res.writableFinished) upstream.destroy(); // the scraper gave up: free the upstream socket
  });
  upstream.end();
}

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): string {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
  return 'proxy';
}
