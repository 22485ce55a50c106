import { createShippingLogger } from '@harbor-ts/logging';
import { Writable } from 'node:stream';
import { freePort, startTestCollector, type TestCollector, until } from './support/collector';

/** Captures what would go to stdout. */
function captured(): { stream: Writable & { write(s: string): boolean }; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { stream, lines };
}

let collector: TestCollector | undefined;
afterEach(async () => {
  await collector?.close();
  collector = undefined;
});

describe('a service logger from @harbor-ts/logging', () => {
  it('writes JSON to stdout and ships each line to the collector as <service>.log', async () => {
    collector = await startTestCollector();
    const c = collector;
    const stdout = captured();
    const { logger, client } = createShippingLogger({ service: 'core', level: 'debug', shipTo: { host: '127.0.0.1', port: c.port }, stdout: stdout.stream });
    logger.info({ requestId: 'r1' }, 'hello');
    logger.child({ module: 'db' }).error('broken');
    logger.debug('details');
    const lines = await until(() => c.lines('core.log'), (l) => l.length === 3);
    expect(JSON.parse(lines[0].replace(/^.*? core\[\d+\]: /, ''))).toMatchObject({ level: 30, service: 'core', requestId: 'r1', msg: 'hello' });
    expect(JSON.parse(lines[1].replace(/^.*? core\[\d+\]: /, ''))).toMatchObject({ level: 50, module: 'db', msg: 'broken' });
    expect(stdout.lines.map((l) => JSON.parse(l).msg)).toEqual(['hello', 'broken', 'details']);
    expect(client?.stats()).toMatchObject({ sent: 3, dropped: 0 });
    await client?.close();
  });

  it('never throws or blocks while the collector is down, and reconnects when it is back', async () => {
    const port = await freePort();
    const stdout = captured();
    const { logger, client } = createShippingLogger({ service: 'registry', level: 'info', shipTo: { host: '127.0.0.1', port }, stdout: stdout.stream });
    try {
      const started = Date.now();
      for (let i = 0; i < 20_000; i++) logger.info({ i }, 'while down');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(stdout.lines).toHaveLength(20_000);
      await until(() => client!.stats(), (s) => s.connectionFailures >= 1);
      expect(client!.stats()).toMatchObject({ connected: false, queued: 10_000, dropped: 10_000 });
      // The collector comes up on the port the logger was told about.
      collector = await startTestCollector({ port });
      const c = collector;
      await until(() => client!.stats(), (s) => s.connected, 40_000);
      logger.info('after reconnect');
      const lines = await until(() => c.lines('registry.log'), (l) => l.some((x) => x.includes('"after reconnect"')));
      // What the queue kept arrives first and in order: the newest 10 000 of the outage.
      const numbers = lines.filter((l) => l.includes('"while down"')).map((l) => JSON.parse(l.replace(/^.*? registry\[\d+\]: /, '')).i);
      expect(numbers).toEqual(Array.from({ length: 10_000 }, (_, k) => 10_000 + k));
    } finally {
      await client?.close();
    }
  }, 60_000);
});
