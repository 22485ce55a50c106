import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A client's id is kept only when it cannot smuggle anything into logs or headers. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,200}$/;

export function requestIdOf(sent: string | string[] | undefined): string {
  return typeof sent === 'string' && SAFE_REQUEST_ID.test(sent) ? sent : randomUUID();
}

/**
 * Hop-by-hop headers describe the client's connection, not the request. `Expect` goes too:
 * node already answered `100 Continue` to the client, and an upstream request with Expect set
 * would bypass http-proxy's `proxyReq` hook (see forward.ts).
 */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'upgrade', 'expect'];

/**
 * Rewrites the incoming headers into what the upstream sees, as Harbor's nginx does with
 * proxy_set_header: the client's Host is kept (core builds URLs from it), X-Forwarded-For is
 * appended to, the rest are set from this connection and never trusted from the client.
 */
export function setForwardedHeaders(req: IncomingMessage, requestId: string, proto: 'http' | 'https'): void {
  const headers = req.headers;
  const client = req.socket.remoteAddress ?? '';
  for (const name of HOP_BY_HOP) delete headers[name];
  const prior = headers['x-forwarded-for'];
  headers['x-forwarded-for'] = prior ? `${prior}, ${client}` : client;
  headers['x-forwarded-proto'] = proto;
  if (headers.host) headers['x-forwarded-host'] = headers.host;
  else delete headers['x-forwarded-host'];
  headers['x-real-ip'] = client;
  headers['x-request-id'] = requestId;
}

/** Response headers that belong to the upstream connection, or that the proxy owns. */
const NOT_RELAYED = new Set(['connection', 'keep-alive', 'proxy-connection', 'x-request-id']);

/**
 * Copies the upstream's response headers onto `res`, original case kept and repeats kept as
 * separate lines (Set-Cookie, Link): setHeader with a list, because node 20's writeHead with a
 * raw list keeps only the last of a repeated name. An HTTP/1.0 client cannot read chunked
 * bodies; node then ends the body by closing the connection.
 */
export function copyResponseHeaders(rawHeaders: readonly string[], res: ServerResponse, clientHttp10: boolean): void {
  const byName = new Map<string, { name: string; values: string[] }>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const lower = rawHeaders[i].toLowerCase();
    if (NOT_RELAYED.has(lower) || (clientHttp10 && lower === 'transfer-encoding')) continue;
    const seen = byName.get(lower);
    if (seen) seen.values.push(rawHeaders[i + 1]);
    else byName.set(lower, { name: rawHeaders[i], values: [rawHeaders[i + 1]] });
  }
  for (const { name, values } of byName.values()) res.setHeader(name, values.length === 1 ? values[0] : values);
}
