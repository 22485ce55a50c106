import { formatRfc5424, type SyslogMessage, TcpSyslogClient, UdpSyslogClient } from '@harbor-ts/logging';
import type { LogSink } from './sink';

export interface ForwardTarget {
  protocol: 'tcp' | 'udp';
  host: string;
  port: number;
}

/**
 * log.external_endpoint: every message goes on to a remote syslog server as RFC 5424 (octet
 * counted over TCP, one datagram over UDP) and nothing is written locally. Both clients bound
 * their buffers and drop rather than grow, so the sink is never saturated.
 */
export class ForwardSink implements LogSink {
  readonly saturated = false;
  private readonly client: TcpSyslogClient | UdpSyslogClient;

  constructor(target: ForwardTarget) {
    this.client = target.protocol === 'tcp' ? new TcpSyslogClient({ host: target.host, port: target.port }) : new UdpSyslogClient(target.host, target.port);
  }

  write(m: SyslogMessage): boolean {
    this.client.send(formatRfc5424({ ...m, timestamp: m.timestamp ?? new Date().toISOString() }));
    return true;
  }

  whenDrained(callback: () => void): void {
    callback();
  }

  stats(): Record<string, number> {
    const { sent, dropped } = this.client.stats();
    return { forwarded: sent, dropped };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
