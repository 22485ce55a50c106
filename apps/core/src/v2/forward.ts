import type { Request, Response } from 'express';
import { type Agent, type IncomingHttpHeaders, type IncomingMessage, request as httpRequest } from 'node:http';
import { pipeline } from 'node:stream/promises';

// Hop-by-hop headers (RFC 9110 7.6.1) never cross a proxy; authorization is replaced by core's.
const DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'authorization', 'host']);

export interface ForwardTarget {
  base: URL;
  agent: Agent;
  authorization: string;
}

/** Request headers for the registry: the client's, plus where the client really called. */
export function upstreamHeaders(req: Request, authorization: string): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  for (const [k, v] of Object.entries(req.headers)) if (!DROPPED.has(k)) headers[k] = v;
  headers.authorization = authorization;
  headers['x-forwarded-host'] = firstValue(req.headers['x-forwarded-host']) ?? req.headers.host;
  headers['x-forwarded-proto'] = firstValue(req.headers['x-forwarded-proto']) ?? req.protocol;
  if (req.headers['transfer-encoding']) headers['transfer-encoding'] = 'chunked';
  return headers;
}

/** Opens the upstream request; the caller writes or pipes the body. */
export function openUpstream(req: Request, target: ForwardTarget, body?: Buffer, path = req.originalUrl): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const headers = upstreamHeaders(req, target.authorization);
    if (body) {
      delete headers['transfer-encoding'];
      headers['content-length'] = String(body.length);
    }
    const upstream = httpRequest(
      { host: target.base.hostname, port: target.base.port, method: req.method, path, headers, agent: target.agent },
      resolve,
    );
    upstream.on('error', reject);
    if (body) upstream.end(body);
    else pipeline(req, upstream).catch((err: unknown) => upstream.destroy(err as Error));
    req.once('aborted', () => upstream.destroy());
  });
}

/** Sends the registry's answer to the client, streaming its body with backpressure. */
export async function relayResponse(upstream: IncomingMessage, res: Response): Promise<void> {
  res.status(upstream.statusCode ?? 502);
  for (const [k, v] of Object.entries(upstream.headers)) {
    if (v !== undefined && !DROPPED.has(k) && k !== 'content-length') res.setHeader(k, v);
  }
  if (upstream.headers['content-length'] !== undefined) res.setHeader('content-length', upstream.headers['content-length']);
  res.on('close', () => upstream.destroy());
  await pipeline(upstream, res);
}

/** Streams a request to the registry and its answer back. */
export async function forward(req: Request, res: Response, target: ForwardTarget): Promise<void> {
  const upstream = await openUpstream(req, target);
  await relayResponse(upstream, res);
}

export async function readUpstreamBody(upstream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of upstream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v?.split(',')[0]?.trim() || undefined;
}
