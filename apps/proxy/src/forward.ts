import httpProxy from 'http-proxy';
import { Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { pipeline } from 'node:stream';
import type { Logger } from 'pino';
import { copyResponseHeaders } from './headers';
import type { UpstreamName } from './routes';

export interface Forwarder {
  /** Streams the exchange to the upstream; `onFailure` runs when no response could be relayed. */
  forward(req: IncomingMessage, res: ServerResponse, upstream: UpstreamName, onFailure: (err: Error) => void): void;
  close(): void;
}

type Upstreams = Readonly<Partial<Record<UpstreamName, string>>>;

/**
 * http-proxy moves the request (headers copied, body piped with backpressure); the response is
 * relayed here so that it goes through `pipeline`, which tears down both sides when either one
 * fails. No timeouts anywhere: a multi-GiB layer takes as long as it takes.
 */
export function createForwarder(upstreams: Upstreams, log: Logger): Forwarder {
  // Unbounded sockets per upstream (node's default): a request never waits in the agent's
  // queue, so `socket` (and with it `proxyReq` below) always fires before the first body write.
  const agents = { http: new Agent({ keepAlive: true, scheduling: 'lifo' }), https: new HttpsAgent({ keepAlive: true, scheduling: 'lifo' }) };
  const proxy = httpProxy.createProxyServer({ toProxy: true, selfHandleResponse: true, xfwd: false });
  proxy.on('proxyReq', (proxyReq, req, res) => {
    // http-proxy joins paths and collapses `//`; the upstream must see the bytes the client sent.
    if (!proxyReq.headersSent) proxyReq.path = req.url ?? '/';
    res.once('close', () => {
      if (!res.writableFinished) proxyReq.destroy(); // client gone: free the upstream socket
    });
  });
  proxy.on('proxyRes', (proxyRes, req, res) => relay(proxyRes, req, res, log));
  proxy.on('error', (err) => log.error({ err: err.message }, 'proxy error outside a request'));

  return {
    forward(req, res, upstream, onFailure) {
      const target = upstreams[upstream];
      if (!target) return onFailure(new Error(`no ${upstream} upstream configured`));
      const agent = target.startsWith('https:') ? agents.https : agents.http;
      proxy.web(req, res, { target, agent }, (err) => onFailure(err));
    },
    close() {
      proxy.close();
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

/** Status, headers as the upstream sent them, then the body streamed. */
function relay(proxyRes: IncomingMessage, req: IncomingMessage, res: ServerResponse, log: Logger): void {
  const requestId = res.getHeader('x-request-id');
  try {
    copyResponseHeaders(proxyRes.rawHeaders, res, req.httpVersion === '1.0');
    res.writeHead(proxyRes.statusCode ?? 502, proxyRes.statusMessage ?? '');
  } catch (err) {
    log.error({ requestId, err: (err as Error).message }, 'upstream sent an unrelayable response head');
    proxyRes.destroy();
    res.destroy();
    return;
  }
  pipeline(proxyRes, res, (err) => {
    if (!err) return;
    // The client leaving shows as a premature close of `res`; an upstream cut as `aborted`.
    const clientLeft = (err as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE';
    if (clientLeft) log.debug({ requestId, err: err.message }, 'client left mid-response');
    else log.warn({ requestId, err: err.message }, 'upstream response cut short');
  });
}
