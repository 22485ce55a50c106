import { SyslogFrameDecoder } from '@harbor-ts/logging';
import type { Socket as UdpSocket } from 'node:dgram';
import type { Socket } from 'node:net';
import type { Intake } from './intake';
import type { LogSink } from './sink';

/** Largest frame taken over TCP; longer ones are skipped and counted as malformed. */
export const MAX_FRAME_BYTES = 64 * 1024;

/**
 * One TCP connection: split frames (both RFC 6587 framings), parse, write. When the sink is
 * saturated the socket stops reading until it drains, so a slow disk slows the senders down
 * (their own queues are bounded) instead of growing this process.
 */
export function acceptTcp(socket: Socket, intake: Intake, sink: LogSink): void {
  const decoder = new SyslogFrameDecoder({ frame: (f) => intake.frame(f, false), malformed: (r) => intake.malformed(r) }, MAX_FRAME_BYTES);
  socket.setKeepAlive(true, 60_000);
  socket.on('data', (chunk: Buffer) => {
    decoder.push(chunk);
    if (!sink.saturated) return;
    socket.pause();
    sink.whenDrained(() => socket.resume());
  });
  socket.on('end', () => {
    decoder.end();
    socket.end();
  });
  socket.on('error', () => socket.destroy()); // a sender going away is not the collector's problem
}

/** UDP: one message per datagram (RFC 5426); the sink drops beyond its hard limit. */
export function acceptUdp(socket: UdpSocket, intake: Intake): void {
  socket.on('message', (datagram: Buffer) => intake.frame(datagram, true));
}
