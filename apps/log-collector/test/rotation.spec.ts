import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestCollector, type TestCollector, until } from './support/collector';
import { sendTcp } from './support/send';

let collector: TestCollector | undefined;
afterEach(async () => {
  await collector?.close();
  collector = undefined;
});

const message = (i: number) => `<14>1 2026-01-01T00:00:00Z host rot - - - message ${String(i).padStart(5, '0')} ${'x'.repeat(60)}\n`;

describe('rotation by size and count', () => {
  it('rotates at rotate_size, keeps rotate_count rotated files, and never splits or reorders lines', async () => {
    collector = await startTestCollector({ rotateSizeBytes: 2000, rotateCount: 3 });
    const total = 400;
    for (let i = 0; i < total; i += 50) await sendTcp(collector.port, Array.from({ length: 50 }, (_, k) => message(i + k)).join(''));
    const c = collector;
    await until(() => c.lines('rot.log'), (l) => l.at(-1)?.includes(`message ${String(total - 1).padStart(5, '0')}`) ?? false);
    const files = await readdir(c.dir);
    expect(files.sort()).toEqual(['rot.log', 'rot.log.1', 'rot.log.2', 'rot.log.3']);
    for (const f of files) expect((await stat(join(c.dir, f))).size).toBeLessThanOrEqual(2000);
    // Oldest kept file first: the numbers must run on without a gap up to the last message.
    const kept = [...(await c.lines('rot.log.3')), ...(await c.lines('rot.log.2')), ...(await c.lines('rot.log.1')), ...(await c.lines('rot.log'))];
    const numbers = kept.map((l) => Number(/message (\d+)/.exec(l)?.[1]));
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => total - numbers.length + i));
    // Every rotated file was filled as far as whole lines fit.
    const perFile = Math.floor(2000 / (Buffer.byteLength(kept[0]) + 1));
    for (const f of ['rot.log.1', 'rot.log.2', 'rot.log.3']) expect(await c.lines(f)).toHaveLength(perFile);
  });

  it('with rotate_count 0 keeps only the current file', async () => {
    collector = await startTestCollector({ rotateSizeBytes: 1000, rotateCount: 0 });
    await sendTcp(collector.port, Array.from({ length: 100 }, (_, i) => message(i)).join(''));
    const c = collector;
    await until(() => c.lines('rot.log'), (l) => l.at(-1)?.includes('message 00099') ?? false);
    expect(await readdir(c.dir)).toEqual(['rot.log']);
  });

  it('removes rotated files beyond a lowered rotate_count on the next rotation', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'log-collector-rotate-'));
    try {
      const before = await startTestCollector({ dir, rotateSizeBytes: 1000, rotateCount: 4 });
      await sendTcp(before.port, Array.from({ length: 100 }, (_, i) => message(i)).join(''));
      await until(() => before.lines('rot.log'), (l) => l.at(-1)?.includes('message 00099') ?? false);
      await before.close();
      expect((await readdir(dir)).sort()).toEqual(['rot.log', 'rot.log.1', 'rot.log.2', 'rot.log.3', 'rot.log.4']);
      collector = await startTestCollector({ dir, rotateSizeBytes: 1000, rotateCount: 1 });
      const after = collector;
      await sendTcp(after.port, Array.from({ length: 20 }, (_, i) => message(100 + i)).join(''));
      await until(() => after.lines('rot.log'), (l) => l.at(-1)?.includes('message 00119') ?? false);
      expect((await readdir(dir)).sort()).toEqual(['rot.log', 'rot.log.1']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('survives a log directory that disappears, counting the failed writes, and writes again once it is back', async () => {
    collector = await startTestCollector();
    const c = collector;
    await sendTcp(c.port, message(1));
    await until(() => c.lines('rot.log'), (l) => l.length === 1);
    await rm(c.dir, { recursive: true });
    await sendTcp(c.port, message(2));
    await until(() => c.stats(), (s) => s.writeErrors === 1);
    await mkdir(c.dir);
    await sendTcp(c.port, message(3));
    expect(await until(() => c.lines('rot.log'), (l) => l.length === 1)).toEqual([expect.stringContaining('message 00003')]);
    expect(c.stats()).toMatchObject({ received: 3, written: 3, pendingBytes: 0 });
  });

  it('counts what a file already holds from before a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'log-collector-rotate-'));
    try {
      await writeFile(join(dir, 'rot.log'), 'x'.repeat(1950) + '\n');
      collector = await startTestCollector({ dir, rotateSizeBytes: 2000, rotateCount: 2 });
      const c = collector;
      await sendTcp(c.port, message(1));
      await until(() => c.lines('rot.log'), (l) => l.length === 1 && l[0].includes('message 00001'));
      expect((await stat(join(dir, 'rot.log.1'))).size).toBe(1951);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
