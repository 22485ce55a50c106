import { connect, type Socket } from 'node:net';
import { BoundedQueue } from './bounded-queue';
import { encodeOctetCounted } from './framing';

export interface SyslogClientOptions {
  host: string;
  port: number;
  /** Messages held while the receiver is down or slow; the oldest go first. */
  maxQueuedMessages?: number;
  maxQueuedBytes?: number;
  /** Reconnect delay: doubles from min to max while the receiver stays away. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface SyslogClientStats {
  connected: boolean;
  /** Messages handed to the socket. */
  sent: number;
  /** Messages thrown away because the queue was full. */
  dropped: number;
  queued: number;
  /** Failed or lost connections so far. */
  connectionFailures: number;
}

const BATCH_BYTES = 64 * 1024;

/**
 * Sends syslog messages over one TCP connection with octet-counting framing (RFC 6587).
 * `send` never throws and never waits: messages go to a bounded queue that is written while
 * the socket accepts data; a dead receiver means reconnect attempts with backoff. The socket
 * and timers are unref'd, so shipping never keeps a process alive.
 */
export class TcpSyslogClient {
  private readonly queue: BoundedQueue;
  private socket: Socket | undefined;
  private connected = false;
  private waitingForDrain = false;
  private closed = false;
  private backoffMs: number;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private sent = 0;
  private connectionFailures = 0;

  constructor(private readonly options: SyslogClientOptions) {
    this.queue = new BoundedQueue(options.maxQueuedMessages ?? 10_000, options.maxQueuedBytes ?? 8 * 1024 * 1024);
    this.backoffMs = options.minBackoffMs ?? 100;
    this.connect();
  }

  send(message: string): void {
    if (this.closed) return;
    this.queue.push(encodeOctetCounted(message));
    this.pump();
  }

  stats(): SyslogClientStats {
    return { connected: this.connected, sent: this.sent, dropped: this.queue.dropped, queued: this.queue.length, connectionFailures: this.connectionFailures };
  }

  /** Writes what is queued if connected, then closes; resolves within `timeoutMs`. */
  close(timeoutMs = 1000): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    if (!socket) return Promise.resolve();
    if (this.connected) for (let batch = this.queue.takeBatch(BATCH_BYTES); batch; batch = this.queue.takeBatch(BATCH_BYTES)) socket.write(batch);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        socket.destroy();
        resolve();
      }, timeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.end();
    });
  }

  private connect(): void {
    const socket = connect({ host: this.options.host, port: this.options.port });
    this.socket = socket;
    socket.unref();
    socket.setKeepAlive(true, 30_000);
    socket.resume(); // the receiver never answers; anything it sends is discarded
    socket.on('connect', () => {
      this.connected = true;
      this.backoffMs = this.options.minBackoffMs ?? 100;
      this.pump();
    });
    socket.on('drain', () => {
      this.waitingForDrain = false;
      this.pump();
    });
    socket.on('error', () => undefined); // 'close' follows; the failure is counted there
    socket.on('close', () => this.lost(socket));
  }

  private lost(socket: Socket): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    this.connected = false;
    this.waitingForDrain = false;
    this.connectionFailures++;
    if (this.closed) return;
    const delay = this.backoffMs * (0.75 + Math.random() / 2);
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 30_000);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
    this.reconnectTimer.unref();
  }

  /** Moves queued messages into the socket until it pushes back. */
  private pump(): void {
    if (!this.connected || this.waitingForDrain || !this.socket) return;
    for (;;) {
      const before = this.queue.length;
      const batch = this.queue.takeBatch(BATCH_BYTES);
      if (!batch) return;
      this.sent += before - this.queue.length;
      if (!this.socket.write(batch)) {
        this.waitingForDrain = true;
        return;
      }
    }
  }
}
