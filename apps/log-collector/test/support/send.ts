import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

/** Writes `bytes` over one TCP connection and closes it once everything is sent. */
export function sendTcp(port: number, bytes: Buffer | string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(bytes));
    socket.on('close', () => resolve()).on('error', reject);
  });
}

/** Sends each message as one UDP datagram, pacing a little so the kernel buffer keeps up. */
export async function sendUdp(port: number, messages: Array<Buffer | string>): Promise<void> {
  const socket = createSocket('udp4');
  for (const [i, m] of messages.entries()) {
    await new Promise<void>((ok, fail) => socket.send(m, port, '127.0.0.1', (err) => (err ? fail(err) : ok())));
    if (i % 50 === 49) await new Promise((r) => setTimeout(r, 1));
  }
  await new Promise<void>((ok) => socket.close(() => ok()));
}
