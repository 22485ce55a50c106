import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidPathError, PathNotFoundError, type StorageDriver } from '../driver/driver';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The contract every StorageDriver must keep, as one suite each driver runs
 * (distribution's testsuites idea): `describeDriverConformance('filesystem', () => driver)`.
 */
export function describeDriverConformance(name: string, makeDriver: () => Promise<StorageDriver>): void {
  describe(`storage driver conformance: ${name}`, () => {
    let driver: StorageDriver;
    beforeEach(async () => {
      driver = await makeDriver();
    });

    it('puts and gets content, replacing atomically', async () => {
      await driver.putContent('/a/b/c', 'one');
      await driver.putContent('/a/b/c', 'two');
      expect((await driver.getContent('/a/b/c')).toString()).toBe('two');
      expect(await driver.list('/a/b')).toEqual(['/a/b/c']);
    });

    it('reports missing paths as PathNotFoundError everywhere', async () => {
      await expect(driver.getContent('/missing')).rejects.toBeInstanceOf(PathNotFoundError);
      await expect(driver.stat('/missing')).rejects.toBeInstanceOf(PathNotFoundError);
      await expect(driver.reader('/missing')).rejects.toBeInstanceOf(PathNotFoundError);
      await expect(driver.list('/missing')).rejects.toBeInstanceOf(PathNotFoundError);
      await expect(driver.move('/missing', '/x')).rejects.toBeInstanceOf(PathNotFoundError);
      await expect(driver.delete('/missing')).rejects.toBeInstanceOf(PathNotFoundError);
    });

    it.each(['relative', '/a/../b', '/a/./b', '/a//b', '/a/b/', '/a\0b', '/a/b c', '/%2e%2e/x'])(
      'refuses the path %j',
      async (path) => {
        await expect(driver.putContent(path, 'x')).rejects.toBeInstanceOf(InvalidPathError);
        await expect(driver.getContent(path)).rejects.toBeInstanceOf(InvalidPathError);
      },
    );

    it('reads ranges', async () => {
      await driver.putContent('/r', '0123456789');
      expect((await readAll(await driver.reader('/r', 3))).toString()).toBe('3456789');
      expect((await readAll(await driver.reader('/r', 2, 4))).toString()).toBe('2345');
      expect((await readAll(await driver.reader('/r', 10))).toString()).toBe('');
      expect((await readAll(await driver.reader('/r', 0, 0))).toString()).toBe('');
      await driver.putContent('/empty', '');
      expect((await readAll(await driver.reader('/empty'))).length).toBe(0);
    });

    it('pumps a range to a sink chunk by chunk, waiting for the sink', async () => {
      const content = Buffer.alloc(300 * 1024);
      for (let i = 0; i < content.length; i++) content[i] = i % 251;
      await driver.putContent('/p', content);
      const received: Buffer[] = [];
      await driver.pump('/p', 1000, 200 * 1024, async (chunk) => {
        await new Promise((r) => setTimeout(r, 1));
        received.push(Buffer.from(chunk)); // a chunk is only valid until the sink settles
      });
      expect(Buffer.concat(received).equals(content.subarray(1000, 1000 + 200 * 1024))).toBe(true);
      await expect(driver.pump('/p', 0, 10, () => Promise.reject(new Error('sink failed')))).rejects.toThrow('sink failed');
      await expect(driver.pump('/missing', 0, 1, async () => undefined)).rejects.toBeInstanceOf(PathNotFoundError);
      await expect(driver.pump('/p', content.length - 5, 10, async () => undefined)).rejects.toThrow('ended');
    });

    it('writes, resumes with append, and reports sizes', async () => {
      const first = await driver.writer('/w/data', false);
      await pipeline(Readable.from([Buffer.from('hello ')]), first.stream);
      await first.commit();
      const second = await driver.writer('/w/data', true);
      expect(second.size).toBe(6);
      await pipeline(Readable.from([Buffer.from('world')]), second.stream);
      await second.commit();
      expect(second.size).toBe(11);
      expect((await driver.getContent('/w/data')).toString()).toBe('hello world');
      expect((await driver.stat('/w/data')).size).toBe(11);
    });

    it('refuses to append to a file that does not exist, creating nothing', async () => {
      await expect(driver.writer('/gone/data', true)).rejects.toBeInstanceOf(PathNotFoundError);
      await expect(driver.stat('/gone')).rejects.toBeInstanceOf(PathNotFoundError);
    });

    it('cancels a writer and removes what it wrote', async () => {
      const writer = await driver.writer('/c/data', false);
      writer.stream.write('partial');
      await writer.cancel();
      await expect(driver.stat('/c/data')).rejects.toBeInstanceOf(PathNotFoundError);
    });

    it('moves into new parents and over an existing target', async () => {
      await driver.putContent('/m/src', 'new');
      await driver.putContent('/n/deep/dst', 'old');
      await driver.move('/m/src', '/n/deep/dst');
      expect((await driver.getContent('/n/deep/dst')).toString()).toBe('new');
      await expect(driver.stat('/m/src')).rejects.toBeInstanceOf(PathNotFoundError);
    });

    it('deletes trees and lists sorted children', async () => {
      await driver.putContent('/t/b/1', 'x');
      await driver.putContent('/t/a/2', 'y');
      await driver.putContent('/t/c', 'z');
      expect(await driver.list('/t')).toEqual(['/t/a', '/t/b', '/t/c']);
      await driver.delete('/t/b');
      expect(await driver.list('/t')).toEqual(['/t/a', '/t/c']);
    });

    it('walks depth first and honours skip', async () => {
      await driver.putContent('/k/a/x', '1');
      await driver.putContent('/k/b/y', '2');
      const seen: string[] = [];
      await driver.walk('/k', (info) => {
        seen.push(info.path);
        return info.path === '/k/b' ? 'skip' : undefined;
      });
      expect(seen).toEqual(['/k/a', '/k/a/x', '/k/b']);
    });
  });
}
