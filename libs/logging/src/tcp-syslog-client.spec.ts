import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SyslogFrameDecoder } from './framing';
import { TcpSyslogClient } from './tcp-syslog-client';

/** A real TCP syslog receiver that records every frame. */
async function receiver(port = 0): Promise<{ port: number; frames: string[]; sockets: Set<Socket>; close(): Promise<void>; server: Server }> {
  const frames: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const decoder = new SyslogFrameDecoder({ frame: (f) => frames.push(f.toString()), malformed: () => undefined });
    socket.on('data', (c) => decoder.push(c)).on('close', () => sockets.delete(socket)).on('error', () => undefined);
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    frames,
    sockets,
    server,
    close: () => new Promise<void>((ok) => {
      for (const s of sockets) s.destroy();
      server.close(() => ok());
    }),
  };
}

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('TcpSyslogClient', () => {
  let client: TcpSyslogClient | undefined;
  afterEach(async () => client?.close());

  it('delivers messages with octet-counting framing, in order', async () => {
    const r = await receiver();
    client = new TcpSyslogClient({ host: '127.0.0.1', port: r.port });
    const sent = Array.from({ length: 500 }, (_, i) => `<14>1 - h app - - - line ${i}\nwith a second line`);
    for (const m of sent) client.send(m);
    await until(() => r.frames.length === 500);
    expect(r.frames).toEqual(sent);
    expect(client.stats()).toMatchObject({ connected: true, sent: 500, dropped: 0, queued: 0 });
    await r.close();
  });

  it('queues while the receiver is down, drops the oldest beyond the limit, and delivers the rest once it is up', async () => {
    const probe = await receiver();
    const port = probe.port;
    await probe.close(); // a port that was just free: nothing listens there now
    client = new TcpSyslogClient({ host: '127.0.0.1', port, maxQueuedMessages: 100, minBackoffMs: 20, maxBackoffMs: 50 });
    const started = Date.now();
    for (let i = 0; i < 250; i++) client.send(`<14>1 - h app - - - m${i}`);
    expect(Date.now() - started).toBeLessThan(1000); // send never waits for the network
    await until(() => client!.stats().connectionFailures >= 2);
    expect(client.stats()).toMatchObject({ connected: false, dropped: 150, queued: 100 });
    const r = await receiver(port);
    await until(() => r.frames.length === 100);
    expect(r.frames[0]).toBe('<14>1 - h app - - - m150');
    expect(r.frames[99]).toBe('<14>1 - h app - - - m249');
    await r.close();
  });

  it('reconnects after the receiver drops the connection', async () => {
    const r = await receiver();
    client = new TcpSyslogClient({ host: '127.0.0.1', port: r.port, minBackoffMs: 10 });
    client.send('<14>1 - h app - - - before');
    await until(() => r.frames.length === 1);
    for (const s of r.sockets) s.destroy();
    await until(() => client!.stats().connectionFailures === 1);
    await until(() => client!.stats().connected);
    client.send('<14>1 - h app - - - after');
    await until(() => r.frames.length === 2);
    expect(r.frames[1]).toBe('<14>1 - h app - - - after');
    await r.close();
  });

  it('keeps memory bounded against a receiver that never reads', async () => {
    const stalled: Socket[] = [];
    const server = createServer((s) => {
      s.pause();
      stalled.push(s);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    client = new TcpSyslogClient({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, maxQueuedMessages: 1000, maxQueuedBytes: 1 << 20 });
    await until(() => client!.stats().connected);
    const line = `<14>1 - h app - - - ${'x'.repeat(1000)}`;
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 1000; i++) client.send(line);
      await new Promise((r) => setImmediate(r));
    }
    const stats = client.stats();
    expect(stats.queued).toBeLessThanOrEqual(1000);
    expect(stats.dropped).toBeGreaterThan(0);
    expect(stats.sent + stats.dropped + stats.queued).toBe(40_000);
    for (const s of stalled) s.destroy();
    await new Promise<void>((ok) => server.close(() => ok()));
  });
});
