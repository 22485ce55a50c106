import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface PortalAppOptions {
  /** The built web portal: index.html and hashed files under assets/. */
  publicDir: string;
}

export interface PortalServer {
  port: number;
  close(): Promise<void>;
}

// The portal's scripts, styles and images come from this server only, and it talks to core on
// the same origin (through the proxy); nothing may frame it.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the web portal as Harbor's portal container does: the files as they are, and
 * index.html for every client-side route so deep links and reloads work. Hashed assets are
 * cached for a year; index.html is revalidated, so a new release is picked up at once.
 */
export function createPortalApp(options: PortalAppOptions): express.Express {
  const indexHtml = readIndex(options.publicDir);
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.get('/health', (_req, res) => {
    res.json({ status: 'healthy' });
  });
  app.use(readOnly);
  app.use('/assets', express.static(join(options.publicDir, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: false, dotfiles: 'ignore' }));
  app.use(express.static(options.publicDir, { index: false, maxAge: 0, dotfiles: 'ignore' }));
  app.use((req, res) => {
    // A missing file is a 404; any other path is a route of the single-page app.
    if (/\.[A-Za-z0-9]+$/.test(req.path)) return notFound(res);
    res.set('Cache-Control', 'no-cache').type('html').send(indexHtml);
  });
  app.use(staticErrors);
  return app;
}

/** Listens on host:port (port 0 picks a free one) and resolves once it accepts connections. */
export async function startPortalServer(options: PortalAppOptions & { host: string; port: number }): Promise<PortalServer> {
  const server = createServer(createPortalApp(options));
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(options.port, options.host, ok));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeIdleConnections();
      }),
  };
}

function readIndex(publicDir: string): string {
  try {
    return readFileSync(join(publicDir, 'index.html'), 'utf8');
  } catch (err) {
    throw new Error(`the web portal is not built: ${join(publicDir, 'index.html')} cannot be read (${(err as Error).message})`);
  }
}

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
  });
  next();
};

const readOnly: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  res.status(405).set('Allow', 'GET, HEAD').json(errorBody('METHOD_NOT_ALLOWED', `${req.method} is not allowed here`));
};

/** serve-static reports a missing asset, a bad path or an undecodable URL by its status. */
const staticErrors: ErrorRequestHandler = (err: { status?: number; statusCode?: number }, _req, res, next) => {
  if (res.headersSent) return next(err);
  const status = err.status ?? err.statusCode ?? 500;
  if (status === 404) return notFound(res);
  if (status === 400) return void res.status(400).json(errorBody('BAD_REQUEST', 'malformed path'));
  if (status === 403) return notFound(res); // a dotfile or a traversal attempt: nothing to see
  res.status(500).json(errorBody('INTERNAL_SERVER_ERROR', 'failed to read the file'));
};

function notFound(res: express.Response): void {
  res.status(404).json(errorBody('NOT_FOUND', 'not found'));
}

/** Harbor's error body. */
function errorBody(code: string, message: string): { errors: { code: string; message: string }[] } {
  return { errors: [{ code, message }] };
}
