import type { RequestListener, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';

/**
 * The registry's side of connection handoff (apps/proxy/src/handoff.ts): the launcher relays a
 * client connection the proxy has accepted, with the request head the proxy already read. The
 * head is put back in front of the socket's data and the socket joins this server as if it had
 * connected here, so the blob download is served by the normal route, token check included.
 *
 * A handed-off connection carries exactly one request. The proxy asks for `Connection: close`;
 * should a client have pipelined more requests behind it anyway, they would reach the registry
 * without passing core, so they are refused by closing the connection.
 */
const MESSAGE_TYPE = 'harbor:handoff';
const MAX_HEAD_BYTES = 64 * 1024;

export class HandoffReceiver {
  private readonly requestsSeen = new WeakMap<Socket, number>();

  /** Wraps the server's request listener with the one-request rule. */
  guard(listener: RequestListener): RequestListener {
    return (req, res) => {
      const seen = this.requestsSeen.get(req.socket);
      if (seen !== undefined) {
        this.requestsSeen.set(req.socket, seen + 1);
        if (seen >= 1) {
          req.socket.destroy();
          return;
        }
      }
      listener(req, res);
    };
  }

  /** Starts taking connections relayed over the IPC channel. */
  listen(server: Server, channel: NodeJS.Process, log: Logger): void {
    channel.on('message', (message: unknown, handle: unknown) => {
      if (!isHandoff(message)) return;
      const socket = handle as Socket | undefined;
      if (!socket) return;
      const head = Buffer.from(message.head, 'latin1');
      if (head.length > MAX_HEAD_BYTES || !server.listening) {
        socket.destroy();
        return;
      }
      this.requestsSeen.set(socket, 0);
      socket.unshift(head);
      server.emit('connection', socket);
      socket.resume();
      log.debug({ remote: socket.remoteAddress }, 'connection handed off by the proxy');
    });
  }
}

function isHandoff(message: unknown): message is { type: string; head: string } {
  const m = message as { type?: unknown; head?: unknown } | null;
  return typeof m === 'object' && m !== null && m.type === MESSAGE_TYPE && typeof m.head === 'string';
}
