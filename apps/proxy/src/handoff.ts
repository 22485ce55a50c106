import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { Logger } from 'pino';

/**
 * Connection handoff: when `npm start` runs the stack (tools/scripts/start.mjs), the proxy can
 * pass a client's TCP connection, with the request it has already read, to the registry
 * through the launcher's IPC channels (the kernel moves the file descriptor). The registry
 * then answers a blob download on the client's own socket and no byte crosses the proxy:
 * relaying a large blob through a second Node process costs several times the CPU of serving
 * it. The launcher turns this on by sending `HANDOFF_ENABLED` once the registry is ready;
 * without it (docker compose, tests running the proxy in-process) the proxy forwards as usual.
 *
 * Only plain-TCP HTTP/1.1 downloads without a body qualify: TLS state cannot leave this
 * process, and bytes of a body the parser has read would be lost. The request sent along asks
 * for `Connection: close`, so the connection serves exactly this one download and the client
 * opens a new one (to the proxy) for whatever comes next; the registry refuses a second request
 * on a handed-off connection all the same.
 */
export const HANDOFF_ENABLED = 'harbor:handoff-enabled';

/** What travels over IPC with the socket; the registry side is apps/registry/src/http/handoff.ts. */
export interface HandoffMessage {
  type: 'harbor:handoff';
  /** The request head to replay on the registry, latin1 (HTTP/1.1 header bytes). */
  head: string;
}

type Send = (message: HandoffMessage, handle: Socket, callback: (err: Error | null) => void) => boolean;

/** The upstream name the access log shows for a handed-off exchange. */
export const HANDED_OFF = 'registry (connection handed off)';

export interface Handoff {
  /**
   * Hands the request's connection to the registry; false when it does not qualify. `res`
   * is never written: it emits 'close' once the socket has left this process.
   */
  tryHandOff(req: IncomingMessage, res: ServerResponse): boolean;
}

export function createHandoff(channel: NodeJS.Process, log: Logger): Handoff {
  let enabled = false;
  const send = channel.send?.bind(channel) as Send | undefined;
  channel.on('message', (message: unknown) => {
    if (message !== HANDOFF_ENABLED || enabled) return;
    enabled = true;
    log.info('connection handoff to the registry enabled');
  });
  return {
    tryHandOff(req, res) {
      if (!enabled || !send || !qualifies(req)) return false;
      const socket = req.socket as Socket & { server: unknown };
      const message: HandoffMessage = { type: 'harbor:handoff', head: requestHead(req) };
      socket.pause();
      // Not from inside this 'request' event: the HTTP parser is still executing, and node frees
      // it when the socket is sent (and detaches the unsent response), which must happen after.
      setImmediate(() => {
        if (socket.destroyed) return;
        // Without `server`, node sends the bare descriptor instead of enrolling the launcher as
        // a cluster-style worker that server.close() would then wait on; destroy() afterwards
        // releases this process's copy and settles the server's connection count once.
        socket.server = null;
        send(message, socket, () => {
          socket.destroy();
          res.emit('close');
        });
      });
      return true;
    },
  };
}

function qualifies(req: IncomingMessage): boolean {
  const socket = req.socket as Socket & { _httpMessage?: unknown };
  return (
    req.method === 'GET' &&
    req.httpVersion === '1.1' &&
    !(socket instanceof TLSSocket) &&
    req.headers['transfer-encoding'] === undefined &&
    (req.headers['content-length'] === undefined || req.headers['content-length'] === '0') &&
    !socket.destroyed &&
    // A response still queued for an earlier pipelined request owns the socket's output.
    (socket._httpMessage === undefined || socket._httpMessage === null || isOwnResponse(req, socket._httpMessage))
  );
}

function isOwnResponse(req: IncomingMessage, message: unknown): boolean {
  return (message as { req?: IncomingMessage }).req === req;
}

/** The request as the registry must see it: forwarded headers already set by the caller. */
function requestHead(req: IncomingMessage): string {
  const lines = [`${req.method} ${req.url} HTTP/1.1`];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'connection') continue;
    for (const one of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${one}`);
  }
  lines.push('connection: close', '', '');
  return lines.join('\r\n');
}
