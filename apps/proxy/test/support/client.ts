import { request, type ClientRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as tlsRequest } from 'node:https';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
  json<T = unknown>(): T;
}

export interface SendOptions {
  method?: string;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
  /** Trusted CA for https bases. */
  ca?: Buffer;
  /** A keep-alive agent; by default each exchange has its own connection, closed after. */
  agent?: import('node:http').Agent;
}

/**
 * One real HTTP exchange. node's http.request sends the path exactly as given (fetch would
 * normalise `./`, `//` and percent-escapes, which is what these tests check the proxy keeps).
 */
export function send(base: string, path: string, opts: SendOptions = {}): Promise<Reply> {
  const url = new URL(base);
  const options = { hostname: url.hostname, port: url.port, path, method: opts.method ?? 'GET', headers: opts.headers, agent: opts.agent ?? (false as const) };
  return new Promise((resolve, reject) => {
    const onResponse = (res: import('node:http').IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body, json: <T>() => JSON.parse(body.toString()) as T });
      });
    };
    const req = url.protocol === 'https:' ? tlsRequest({ ...options, ca: opts.ca }, onResponse) : request(options, onResponse);
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The first error of a Harbor / OCI error body. */
export function firstError(reply: Reply): { code: string; message: string; detail?: unknown } {
  return reply.json<{ errors: { code: string; message: string; detail?: unknown }[] }>().errors[0];
}

/** A request left open for the test to stream into, on its own connection. */
export function openRequest(base: string, path: string, method = 'GET', headers: OutgoingHttpHeaders = {}): ClientRequest {
  const url = new URL(base);
  return request({ hostname: url.hostname, port: url.port, path, method, headers, agent: false });
}

export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 10));
}
