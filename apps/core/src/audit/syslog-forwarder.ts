import { createConnection, type Socket } from 'node:net';
import type { Logger } from 'pino';
import { parseForwardEndpoint } from './syslog-line';

/** Past this much unsent text the endpoint is not keeping up; lines are dropped, not queued. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * One TCP connection to the configured syslog endpoint, opened on first use and again after a
 * failure. Sending never waits and never fails the audited request: lines written while the
 * connection is being opened are buffered by the socket; a refused or broken connection loses
 * what it held (logged, as Harbor's syslog hook does) and the next line reconnects.
 */
export class SyslogForwarder {
  private socket?: Socket;
  private endpoint = '';

  constructor(private readonly log: Logger) {}

  send(endpoint: string, line: string): void {
    const socket = this.connection(endpoint);
    if (!socket) return;
    if (socket.writableLength > MAX_BUFFERED_BYTES) {
      this.log.warn({ endpoint }, 'audit log forwarding is behind; entry dropped');
      return;
    }
    socket.write(line);
  }

  /** Sends what is buffered and closes the connection. */
  close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      // A peer that never reads must not hold shutdown up.
      setTimeout(() => socket.destroy(), 2_000).unref();
    });
  }

  private connection(endpoint: string): Socket | undefined {
    if (this.socket && this.endpoint === endpoint && !this.socket.destroyed) return this.socket;
    this.socket?.destroy();
    this.socket = undefined;
    const target = parseForwardEndpoint(endpoint);
    if (!target) return undefined;
    const socket = createConnection(target);
    socket.unref();
    socket.setKeepAlive(true);
    socket.on('error', (err) => {
      this.log.warn({ err, endpoint }, 'audit log forwarding failed; buffered entries lost');
      socket.destroy();
    });
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
    });
    // The endpoint never sends anything that matters; reading keeps the socket from stalling.
    socket.resume();
    this.socket = socket;
    this.endpoint = endpoint;
    return socket;
  }
}
