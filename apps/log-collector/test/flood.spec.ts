import { encodeOctetCounted } from '@harbor-ts/logging';
import { randomBytes } from 'node:crypto';
import { logger, startTestCollector, type TestCollector, until } from './support/collector';
import { sendTcp, sendUdp } from './support/send';

let collector: TestCollector | undefined;
afterEach(async () => {
  await collector?.close();
  collector = undefined;
});

const valid = (i: number) => `<14>1 2026-01-01T00:00:00Z h flood - - - valid ${i}`;
const garbage = (i: number): string[] => [
  `garbage line ${i}`,
  '<999>1 - - - - - - bad pri',
  `<13>1 not-a-time h a - - - x${i}`,
  '<13>no tag here at all',
  `${i} not an octet count`,
  'x'.repeat(70_000 + i), // longer than any frame the collector takes
  randomBytes(64).toString('latin1').replace(/\n/g, ' '),
];

describe('malformed input', () => {
  it('a flood of malformed lines over TCP and UDP loses no valid message and keeps the collector up', async () => {
    collector = await startTestCollector();
    const c = collector;
    let tcpStream = '';
    const octets: Buffer[] = [];
    for (let i = 0; i < 500; i++) {
      tcpStream += `${garbage(i).join('\n')}\n${valid(i)}\n`;
      octets.push(Buffer.from(`${garbage(i)[0]}\n`), encodeOctetCounted(valid(1000 + i)), Buffer.from('99999999999 <13>nonsense\n'));
    }
    const udp = Array.from({ length: 300 }, (_, i) => [randomBytes(200), `<13>Jan  1 00:00:00 h flood: udp valid ${i}`, 'not syslog']).flat();
    await Promise.all([sendTcp(c.port, tcpStream), sendTcp(c.port, Buffer.concat(octets)), sendUdp(c.port, udp)]);
    await logger(['-n', '127.0.0.1', '-P', String(c.port), '-T', '-t', 'flood', 'still alive']);
    const lines = await until(() => c.lines('flood.log'), (l) => l.length >= 1301);
    const bodies = new Set(lines.map((l) => l.replace(/^.*? flood: /, '')));
    for (let i = 0; i < 500; i++) {
      expect(bodies.has(`valid ${i}`)).toBe(true);
      expect(bodies.has(`valid ${1000 + i}`)).toBe(true);
    }
    for (let i = 0; i < 300; i++) expect(bodies.has(`udp valid ${i}`)).toBe(true);
    expect(bodies.has('still alive')).toBe(true);
    expect(lines).toHaveLength(1301);
    expect(c.stats().malformed).toBeGreaterThanOrEqual(500 * 7 + 500 * 2 + 300 * 2);
  });

  it('pauses TCP senders instead of buffering without bound when writes fall behind', async () => {
    collector = await startTestCollector({ highWaterBytes: 16 * 1024 });
    const c = collector;
    const line = (i: number) => `<14>1 - h burst - - - ${String(i).padStart(6, '0')} ${'y'.repeat(400)}\n`;
    const senders = Array.from({ length: 4 }, (_, s) => sendTcp(c.port, Array.from({ length: 5000 }, (_, i) => line(s * 5000 + i)).join('')));
    await Promise.all(senders);
    await until(() => c.lines('burst.log'), (l) => l.length === 20_000, 30_000);
    const { peakPendingBytes, dropped } = c.stats();
    expect(dropped).toBe(0);
    // At most the high-water mark plus what each connection had already read when it paused.
    expect(peakPendingBytes).toBeLessThan(16 * 1024 + 4 * 128 * 1024);
  }, 60_000);
});
