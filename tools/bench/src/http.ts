// A minimal HTTP client over node:http with one keep-alive agent per client. Request bodies
// are buffers or streams (piped with backpressure); response bodies are either collected (small
// JSON and manifests) or hashed while streaming (blobs), never both. An optional Authorizer
// adds credentials the way a registry client does (see auth-session.ts).
import { createHash } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type Headers = Record<string, string | number>;

export interface RequestOptions {
  readonly method?: string;
  readonly headers?: Headers;
  readonly body?: Buffer | Readable;
}

export interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface HashedReply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly digest: string;
  readonly bytes: number;
}

export class HttpError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    body: string,
  ) {
    super(`${method} ${url} -> ${status} ${body.slice(0, 300)}`);
  }
}

/** Adds Authorization to requests, and tells how to retry one answered 401. */
export interface Authorizer {
  headersFor(method: string, url: string): Promise<Headers>;
  /** Headers for one retry after a 401 with this WWW-Authenticate, or undefined to give up. */
  retryHeaders(method: string, url: string, wwwAuthenticate: string | undefined): Promise<Headers | undefined>;
}

const MAX_REDIRECTS = 3;
/** A request whose socket stays silent this long fails, so a stuck server cannot hang the bench. */
const IDLE_TIMEOUT_MS = 120_000;

export class HttpClient {
  readonly agent: http.Agent;

  constructor(
    readonly baseUrl: string,
    maxSockets: number,
    private readonly auth?: Authorizer,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /** Sends a request and collects the response body. */
  request(target: string, opts: RequestOptions = {}): Promise<Reply> {
    return this.authorized(target, opts, async (res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      return { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) };
    });
  }

  /** GETs a resource, following redirects, and hashes the body as it streams in. */
  async getHashed(target: string, headers: Headers = {}): Promise<HashedReply> {
    let url = this.resolve(target);
    for (let hop = 0; ; hop++) {
      const reply = await this.authorized(url, { headers }, (res) => hashBody(res));
      const location = reply.headers.location;
      if (reply.status < 300 || reply.status >= 400 || !location || hop >= MAX_REDIRECTS) return reply;
      url = new URL(location, url).toString();
    }
  }

  /** Absolute URL for a path or a Location header value. */
  resolve(target: string): string {
    return new URL(target, this.baseUrl).toString();
  }

  close(): void {
    this.agent.destroy();
  }

  /** Sends with the authorizer's headers; on a 401 retries once unless the body was a stream. */
  private async authorized<T extends { status: number; headers: http.IncomingHttpHeaders }>(
    target: string,
    opts: RequestOptions,
    read: (res: http.IncomingMessage) => Promise<T>,
  ): Promise<T> {
    if (!this.auth) return this.exchange(target, opts, read);
    const url = this.resolve(target);
    const method = opts.method ?? 'GET';
    const first = await this.exchange(url, { ...opts, headers: { ...opts.headers, ...(await this.auth.headersFor(method, url)) } }, read);
    if (first.status !== 401 || opts.body instanceof Readable) return first;
    const retry = await this.auth.retryHeaders(method, url, header(first, 'www-authenticate'));
    return retry ? this.exchange(url, { ...opts, headers: { ...opts.headers, ...retry } }, read) : first;
  }

  private exchange<T>(target: string, opts: RequestOptions, read: (res: http.IncomingMessage) => Promise<T>): Promise<T> {
    const url = this.resolve(target);
    const method = opts.method ?? 'GET';
    return new Promise<T>((resolve, reject) => {
      const req = http.request(url, { method, headers: opts.headers, agent: this.agent }, (res) => {
        read(res).then(resolve, reject);
      });
      req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(new Error(`${method} ${url}: no data for ${IDLE_TIMEOUT_MS / 1000} s`)));
      req.on('error', reject);
      const body = opts.body;
      if (body instanceof Readable) pipeline(body, req).catch(reject);
      else req.end(body);
    });
  }
}

async function hashBody(res: http.IncomingMessage): Promise<HashedReply> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of res) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { status: res.statusCode ?? 0, headers: res.headers, digest: `sha256:${hash.digest('hex')}`, bytes };
}

/** Throws an HttpError unless the reply has one of the expected statuses. */
export function expectStatus<R extends { status: number }>(reply: R, method: string, url: string, ...expected: number[]): R {
  if (!expected.includes(reply.status)) {
    const body = 'body' in reply && Buffer.isBuffer(reply.body) ? reply.body.toString('utf8') : '';
    throw new HttpError(method, url, reply.status, body);
  }
  return reply;
}

export function header(reply: { headers: http.IncomingHttpHeaders }, name: string): string | undefined {
  const value = reply.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
