import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { mkdir } from 'node:fs/promises';
import { createServer, isIPv6, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Logger } from 'pino';
import { FileSink } from './file-sink';
import { ForwardSink, type ForwardTarget } from './forward-sink';
import { acceptTcp, acceptUdp } from './inputs';
import { Intake } from './intake';
import type { LogSink } from './sink';

export interface LogCollectorOptions {
  listen: { host: string; port: number };
  files?: { directory: string; rotateSizeBytes: number; rotateCount: number; highWaterBytes?: number; hardLimitBytes?: number };
  forward?: ForwardTarget;
  log: Logger;
}

export interface LogCollector {
  /** The syslog port, TCP and UDP alike (the chosen one when 0 was asked for). */
  port: number;
  stats(): Record<string, number>;
  close(): Promise<void>;
}

/** Starts syslog over TCP and UDP on one port, writing to files or forwarding (never both). */
export async function startLogCollector(options: LogCollectorOptions): Promise<LogCollector> {
  const sink = await createSink(options);
  const intake = new Intake(sink, options.log);
  const connections = new Set<Socket>();
  const tcp = createServer((socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
    acceptTcp(socket, intake, sink);
  });
  tcp.maxConnections = 1000;
  const udp = await listenBoth(tcp, options.listen);
  acceptUdp(udp, intake);
  return {
    port: (tcp.address() as AddressInfo).port,
    stats: () => ({ ...intake.stats(), ...sink.stats(), connections: connections.size }),
    async close() {
      intake.close();
      await new Promise<void>((ok) => udp.close(() => ok()));
      const closed = new Promise<void>((ok) => tcp.close(() => ok()));
      for (const socket of connections) socket.end();
      setTimeout(() => connections.forEach((s) => s.destroy()), 2000).unref();
      await closed;
      await sink.close();
    },
  };
}

async function createSink(options: LogCollectorOptions): Promise<LogSink> {
  if (options.forward) return new ForwardSink(options.forward);
  if (!options.files) throw new Error('the log collector needs a log directory or an external endpoint');
  await mkdir(options.files.directory, { recursive: true });
  return new FileSink({ ...options.files, log: options.log });
}

/** Binds TCP, then UDP on the same port; with port 0 the pair is retried if UDP's twin is taken. */
async function listenBoth(tcp: Server, listen: { host: string; port: number }): Promise<UdpSocket> {
  for (let attempt = 1; ; attempt++) {
    await new Promise<void>((ok, fail) => {
      tcp.once('error', fail);
      tcp.listen(listen.port, listen.host, () => {
        tcp.off('error', fail);
        ok();
      });
    });
    const port = (tcp.address() as AddressInfo).port;
    const udp = createSocket({ type: isIPv6(listen.host) ? 'udp6' : 'udp4', recvBufferSize: 4 * 1024 * 1024 });
    try {
      await new Promise<void>((ok, fail) => {
        udp.once('error', fail);
        udp.bind(port, listen.host, () => {
          udp.off('error', fail);
          ok();
        });
      });
      return udp;
    } catch (err) {
      udp.close();
      await new Promise<void>((ok) => tcp.close(() => ok()));
      if (listen.port !== 0 || attempt >= 5) throw err;
    }
  }
}
