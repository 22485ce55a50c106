import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { logger, startTestCollector, type TestCollector, until } from './support/collector';

let collectors: TestCollector[] = [];
afterEach(async () => {
  await Promise.all(collectors.map((c) => c.close()));
  collectors = [];
});

describe('forwarding to log.external_endpoint', () => {
  it('over TCP: a second collector receives everything, the forwarding one writes no files', async () => {
    const endpoint = await startTestCollector();
    const forwarder = await startTestCollector({ forward: { protocol: 'tcp', host: '127.0.0.1', port: endpoint.port } });
    collectors.push(endpoint, forwarder);
    await logger(['-n', '127.0.0.1', '-P', String(forwarder.port), '-T', '-t', 'core', 'via tcp 5424']);
    await logger(['-n', '127.0.0.1', '-P', String(forwarder.port), '-d', '--rfc3164', '-t', 'registry', '-i', 'via udp 3164']);
    const core = await until(() => endpoint.lines('core.log'), (l) => l.length === 1);
    const registry = await until(() => endpoint.lines('registry.log'), (l) => l.length === 1);
    expect(core[0]).toMatch(/ core: via tcp 5424$/);
    expect(registry[0]).toMatch(/ registry\[\d+\]: via udp 3164$/);
    expect(await forwarder.files()).toEqual([]);
    expect(forwarder.stats()).toMatchObject({ received: 2, forwarded: 2, dropped: 0 });
  });

  it('over UDP: each message arrives as one RFC 5424 datagram at a plain UDP server', async () => {
    const server = createSocket('udp4');
    const datagrams: string[] = [];
    server.on('message', (m) => datagrams.push(m.toString()));
    await new Promise<void>((ok) => server.bind(0, '127.0.0.1', ok));
    try {
      const forwarder = await startTestCollector({ forward: { protocol: 'udp', host: '127.0.0.1', port: (server.address() as AddressInfo).port } });
      collectors.push(forwarder);
      await logger(['-n', '127.0.0.1', '-P', String(forwarder.port), '-T', '--rfc3164', '-t', 'jobservice', 'hello']);
      await until(() => datagrams, (d) => d.length === 1);
      expect(datagrams[0]).toMatch(/^<13>1 \S+ \S+ jobservice - - - hello$/);
      expect(await forwarder.files()).toEqual([]);
    } finally {
      server.close();
    }
  });
});
