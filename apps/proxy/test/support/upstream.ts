import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What an upstream saw of one request, to compare with what the client sent. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface TestUpstream {
  name: string;
  url: string;
  received: Received[];
  /** TCP connections accepted so far: shows whether the proxy reuses them. */
  connections(): number;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Answers every request with its own name, so a test sees where the proxy sent it. */
export function nameHandler(name: string): Handler {
  return (req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('X-Upstream', name);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ upstream: name }));
    });
  };
}

/** A real node http server on 127.0.0.1 standing in for core, registry or portal. */
export async function startUpstream(name: string, handler: Handler = nameHandler(name)): Promise<TestUpstream> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  server.requestTimeout = 0;
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    received,
    connections: () => connections,
    close: () => {
      server.closeAllConnections();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}

/** A port the kernel just handed out on 127.0.0.1 and took back; nothing listens on it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise((ok) => server.close(ok));
  return port;
}

export async function deadUpstreamUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}
