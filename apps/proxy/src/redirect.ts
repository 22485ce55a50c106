import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * With TLS configured the plain-http port only redirects, as Harbor's nginx does with
 * `return 308`: 308 rather than 301 so a client repeats a PUT or POST with its method and body.
 * `httpsPort` is read per request because a test may bind port 0.
 */
export function redirectToHttps(publicUrl: string | undefined, httpsPort: () => number) {
  return (req: IncomingMessage, res: ServerResponse): string => {
    const path = req.url?.startsWith('/') ? req.url : '/';
    const port = httpsPort();
    const origin = publicUrl ?? `https://${hostOf(req)}${port === 443 ? '' : `:${port}`}`;
    res.writeHead(308, { Location: `${origin}${path}`, 'Content-Length': 0 });
    res.end();
    return 'redirect';
  };
}

/** Host name or [IPv6] literal, port dropped; anything odd falls back to the address dialled. */
const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/;

function hostOf(req: IncomingMessage): string {
  const match = HOST.exec(req.headers.host ?? '');
  if (match) return match[1];
  const local = req.socket.localAddress ?? '127.0.0.1';
  return local.includes(':') ? `[${local}]` : local;
}
