import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { makeEvent, type RegistryEvent } from './envelope';
import { Notifier } from './notifier';

function event(n: number): RegistryEvent {
  const request = { id: `r${n}`, addr: '', host: '', method: 'PUT', useragent: '' };
  return makeEvent('push', { digest: `sha256:${String(n).padStart(64, '0')}`, repository: 'x' }, request, '', { addr: '', instanceID: '' });
}

describe('Notifier', () => {
  it('when its queue overflows, drops the oldest waiting events, never the batch being sent', async () => {
    const received: string[] = [];
    let release!: () => void;
    const firstHeld = new Promise<void>((r) => (release = r));
    let calls = 0;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        if (calls++ === 0) await firstHeld;
        received.push(...(JSON.parse(Buffer.concat(chunks).toString()) as { events: RegistryEvent[] }).events.map((e) => e.request.id));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const notifier = new Notifier([{ name: 'sink', url, headers: {}, timeoutMs: 5000, threshold: 3, backoffMs: 10 }], pino({ level: 'silent' }), { maxQueued: 3 });
    try {
      notifier.publish(event(1));
      await new Promise((r) => setTimeout(r, 50)); // r1 is now in flight, held by the server
      for (const n of [2, 3, 4, 5, 6]) notifier.publish(event(n));
      release();
      for (let i = 0; i < 200 && received.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
      expect(received).toEqual(['r1', 'r5', 'r6']);
      expect(notifier.stats()).toEqual([{ name: 'sink', pending: 0, delivered: 3, dropped: 3 }]);
    } finally {
      notifier.close();
      server.close();
    }
  });
});
