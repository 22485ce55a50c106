import type { ProxyConfig } from '@harbor-ts/config';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { sendError } from './errors';
import { createForwarder, type Forwarder } from './forward';
import { HANDED_OFF, type Handoff } from './handoff';
import { metricsPort, ProxyMetrics } from './metrics-port';
import { setForwardedHeaders } from './headers';
import { redirectToHttps } from './redirect';
import { type Serve, withRequestContext } from './request-context';
import { routeRequest } from './routes';
import { readTlsFiles } from './tls';

export interface BoundPorts {
  http: number;
  https?: number;
  /** The metric.port listener, when metric.enabled. */
  metric?: number;
}

/** The front door: created stopped, so tests can run it in-process on port 0. */
export interface HarborProxy {
  start(): Promise<BoundPorts>;
  /** Stops accepting, lets exchanges in flight finish for `graceMs`, then cuts the rest. */
  close(graceMs?: number): Promise<void>;
}

/** Harbor's nginx listens on every interface. */
const ALL_INTERFACES = '0.0.0.0';

/**
 * Throws ProxyStartError when the TLS certificate or key cannot be read. `handoff` passes blob
 * downloads' connections to the registry when the launcher relays them (see handoff.ts).
 */
export function createProxy(config: ProxyConfig, log: Logger, handoff?: Handoff): HarborProxy {
  const tls = config.https ? readTlsFiles(config.https) : undefined;
  const forwarder = createForwarder(config.upstreams, log);
  const bound: BoundPorts = { http: 0 };
  const servers: Server[] = [];
  const metrics = config.metrics ? new ProxyMetrics() : undefined;
  const counted = (serve: Serve) => (metrics ? metrics.counted(serve) : serve);
  if (tls) {
    const redirect = redirectToHttps(config.publicUrl, () => config.https?.port || bound.https || 443);
    servers.push(tuned(createServer(withRequestContext(log, counted(redirect)))));
    const serve = proxied(config, forwarder, log, 'https', handoff);
    servers.push(tuned(createTlsServer({ ...tls, minVersion: 'TLSv1.2' }, withRequestContext(log, counted(serve)))));
  } else {
    servers.push(tuned(createServer(withRequestContext(log, counted(proxied(config, forwarder, log, 'http', handoff))))));
  }
  const ports = [config.http.port, ...(config.https ? [config.https.port] : [])];
  // Harbor's nginx listens on metric.port too, on the same interfaces; listed last.
  const metricPort = config.metrics && metrics ? metricsPort(config.metrics, metrics, log) : undefined;
  if (config.metrics && metricPort) {
    servers.push(createServer(withRequestContext(log, metricPort.serve)));
    ports.push(config.metrics.port);
  }

  return {
    async start() {
      const listening = await Promise.all(servers.map((s, i) => listen(s, ports[i]))).catch((err: unknown) => {
        servers.filter((s) => s.listening).forEach((s) => s.close()); // no half-started proxy
        throw err;
      });
      bound.http = listening[0];
      if (tls) bound.https = listening[1];
      if (metricPort) bound.metric = listening[listening.length - 1];
      log.info({ ...bound, upstreams: config.upstreams }, 'proxy listening');
      return { ...bound };
    },
    async close(graceMs = 10_000) {
      const closed = Promise.all(servers.map((s) => new Promise<void>((ok) => s.close(() => ok()))));
      servers.forEach((s) => s.closeIdleConnections());
      const timer = setTimeout(() => servers.forEach((s) => s.closeAllConnections()), graceMs);
      await closed;
      clearTimeout(timer);
      forwarder.close();
      metricPort?.close();
    },
  };
}

/** Routes, then either answers itself or hands the exchange to the forwarder. */
function proxied(config: ProxyConfig, forwarder: Forwarder, log: Logger, proto: 'http' | 'https', handoff?: Handoff) {
  const hasPortal = Boolean(config.upstreams.portal);
  return (req: IncomingMessage, res: ServerResponse, requestId: string): string => {
    const route = routeRequest(req.method ?? 'GET', req.url ?? '/', req.headers, hasPortal);
    if ('refuse' in route) {
      sendError(req, res, route.refuse);
      return 'proxy';
    }
    const { upstream } = route;
    setForwardedHeaders(req, requestId, proto);
    if (upstream === 'registry' && handoff?.tryHandOff(req, res)) return HANDED_OFF;
    forwarder.forward(req, res, upstream, (err) => {
      if (res.destroyed || req.socket.destroyed) return; // the client left; nobody to answer
      req.unpipe();
      req.resume(); // discard the rest of an upload so the 502 reaches the client, not a stall
      const code = (err as NodeJS.ErrnoException).code;
      log.error({ requestId, upstream, err: { code, message: err.message } }, 'upstream unavailable');
      sendError(req, res, 'unavailable', { upstream });
    });
    return upstream;
  };
}

/** Long uploads and downloads must not hit node's 5-minute request timeout. */
function tuned<S extends Server>(server: S): S {
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000;
  return server;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, ALL_INTERFACES, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
