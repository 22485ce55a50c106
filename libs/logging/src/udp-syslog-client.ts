import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';

/** RFC 5426: one message per datagram; the largest IPv4 UDP payload. */
const MAX_DATAGRAM = 65_507;

/**
 * Sends syslog messages as UDP datagrams (RFC 5426). Fire and forget, with a cap on datagrams
 * still in the kernel's hands so a stalled socket cannot grow memory; beyond it, messages drop.
 */
export class UdpSyslogClient {
  private readonly socket: Socket;
  private inFlight = 0;
  private sent = 0;
  private dropped = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly maxInFlight = 1000,
  ) {
    this.socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    this.socket.on('error', () => undefined); // ICMP "port unreachable" and the like: nothing to do
    this.socket.unref();
  }

  send(message: string): void {
    if (this.inFlight >= this.maxInFlight) {
      this.dropped++;
      return;
    }
    const datagram = Buffer.from(message, 'utf8').subarray(0, MAX_DATAGRAM);
    this.inFlight++;
    this.socket.send(datagram, this.port, this.host, (err) => {
      this.inFlight--;
      if (err) this.dropped++;
      else this.sent++;
    });
  }

  stats(): { sent: number; dropped: number; inFlight: number } {
    return { sent: this.sent, dropped: this.dropped, inFlight: this.inFlight };
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
