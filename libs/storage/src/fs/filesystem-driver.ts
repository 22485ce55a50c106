import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import {
  assertDriverPath,
  PathNotFoundError,
  type FileInfo,
  type FileWriter,
  type StorageDriver,
} from '../driver/driver';

/** Temporary files live beside their target (same filesystem, so rename is atomic) and are hidden from list(). */
const TEMP_PREFIX = '.tmp-';
/**
 * Read chunk sizes. A lone big blob read costs about half the CPU with 1 MiB chunks than with
 * 64 KiB ones (bench), but hundreds of concurrent reads must not each hold a megabyte: the
 * first few open reads get large chunks, every other read small ones, so reads never hold
 * more than about LARGE_READ_SLOTS x 2 MiB + n x 128 KiB.
 */
const LARGE_READ_SLOTS = 4;
const LARGE_READ_CHUNK = 1024 * 1024;
const SMALL_READ_CHUNK = 64 * 1024;
const WRITE_CHUNK = 256 * 1024;

export interface FilesystemDriverOptions {
  rootDirectory: string;
}

/** Stores every driver path as the same relative path under `rootDirectory`. */
export class FilesystemDriver implements StorageDriver {
  readonly name = 'filesystem';
  private readonly root: string;
  private largeReads = 0;

  constructor(options: FilesystemDriverOptions) {
    this.root = resolve(options.rootDirectory);
  }

  async getContent(path: string): Promise<Buffer> {
    return readFile(this.full(path)).catch((err) => rethrow(err, path));
  }

  async putContent(path: string, content: Buffer | string): Promise<void> {
    const target = this.full(path);
    const temp = join(dirname(target), TEMP_PREFIX + randomUUID());
    await mkdir(dirname(target), { recursive: true });
    try {
      await writeFile(temp, content);
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  async reader(path: string, offset = 0, length?: number): Promise<Readable> {
    const handle = await open(this.full(path), 'r').catch((err) => rethrow(err, path));
    if (length === 0) {
      // A read stream cannot express an empty range (end would precede start).
      await handle.close();
      return Readable.from([]);
    }
    const end = length === undefined ? undefined : offset + length - 1;
    const slot = this.readSlot(length ?? Number.POSITIVE_INFINITY);
    const stream = handle.createReadStream({ start: offset, end, highWaterMark: slot.chunk, autoClose: true });
    stream.once('close', slot.release);
    return stream;
  }

  async pump(path: string, offset: number, length: number, sink: (chunk: Buffer) => Promise<void>): Promise<void> {
    const handle = await open(this.full(path), 'r').catch((err) => rethrow(err, path));
    const slot = this.readSlot(length);
    // Sized to the read: a 200-byte config blob gets a 200-byte buffer, and a second one only
    // when the read takes more than one chunk.
    const size = Math.max(1, Math.min(slot.chunk, length));
    const buffers = [Buffer.allocUnsafe(size)];
    let sinking: Promise<void> = Promise.resolve();
    try {
      for (let position = offset, turn = 0; position < offset + length; turn ^= 1) {
        const buffer = (buffers[turn] ??= Buffer.allocUnsafe(size));
        const { bytesRead } = await handle.read(buffer, 0, Math.min(size, offset + length - position), position);
        if (bytesRead === 0) throw new Error(`${path} ended at ${position}, before ${offset + length}`);
        position += bytesRead;
        await sinking; // the sink is done with the other buffer, which the next read reuses
        sinking = sink(buffer.subarray(0, bytesRead));
      }
      await sinking;
    } finally {
      await sinking.catch(() => undefined);
      slot.release();
      await handle.close();
    }
  }

  async writer(path: string, append: boolean): Promise<FileWriter> {
    const target = this.full(path);
    // Appending never creates: a session deleted meanwhile must not be brought back half-made.
    const initial = append ? (await stat(target).catch((err) => rethrow(err, path))).size : 0;
    if (!append) await mkdir(dirname(target), { recursive: true });
    // flush: the descriptor is fsync'ed before it closes, so a committed upload survives a crash.
    const stream = createWriteStream(target, { flags: append ? 'a' : 'w', highWaterMark: WRITE_CHUNK, flush: true });
    await new Promise<void>((ok, fail) => stream.once('open', () => ok()).once('error', fail));
    return new FilesystemWriter(stream, target, initial);
  }

  async stat(path: string): Promise<FileInfo> {
    const info = await stat(this.full(path)).catch((err) => rethrow(err, path));
    return { path, size: info.size, modTime: info.mtime, isDirectory: info.isDirectory() };
  }

  async list(path: string): Promise<string[]> {
    const names = await readdir(this.full(path)).catch((err) => rethrow(err, path));
    const base = path === '/' ? '' : path;
    return names.filter((n) => !n.startsWith(TEMP_PREFIX)).sort().map((n) => `${base}/${n}`);
  }

  async move(sourcePath: string, destPath: string): Promise<void> {
    const dest = this.full(destPath);
    await mkdir(dirname(dest), { recursive: true });
    await rename(this.full(sourcePath), dest).catch((err) => rethrow(err, sourcePath));
  }

  async delete(path: string): Promise<void> {
    const full = this.full(path);
    await stat(full).catch((err) => rethrow(err, path));
    await rm(full, { recursive: true, force: true });
  }

  async walk(path: string, visit: (info: FileInfo) => Promise<void | 'skip'> | void | 'skip'): Promise<void> {
    for (const child of await this.list(path)) {
      const info = await this.stat(child).catch(ignoreVanished);
      if (!info) continue;
      const verdict = await visit(info);
      if (info.isDirectory && verdict !== 'skip') await this.walk(child, visit).catch(ignoreVanished);
    }
  }

  /** One of the few large-chunk read slots when free and worth it, else small chunks. */
  private readSlot(length: number): { chunk: number; release: () => void } {
    if (length <= SMALL_READ_CHUNK || this.largeReads >= LARGE_READ_SLOTS) {
      return { chunk: SMALL_READ_CHUNK, release: () => undefined };
    }
    this.largeReads++;
    let released = false;
    const release = () => {
      if (!released) this.largeReads--;
      released = true;
    };
    return { chunk: LARGE_READ_CHUNK, release };
  }

  private full(path: string): string {
    assertDriverPath(path);
    return this.root + path;
  }
}

class FilesystemWriter implements FileWriter {
  private done = false;

  constructor(
    readonly stream: WriteStream,
    private readonly target: string,
    private readonly initialSize: number,
  ) {}

  get size(): number {
    return this.initialSize + this.stream.bytesWritten + this.stream.writableLength;
  }

  async commit(): Promise<void> {
    if (this.done) return;
    this.done = true;
    if (!this.stream.writableEnded) this.stream.end();
    if (!this.stream.closed) await once(this.stream, 'close');
    if (this.stream.errored) throw this.stream.errored;
  }

  async cancel(): Promise<void> {
    this.done = true;
    this.stream.destroy();
    await rm(this.target, { force: true });
  }
}

function rethrow(err: unknown, path: string): never {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') {
    throw new PathNotFoundError(path);
  }
  throw err;
}

function ignoreVanished(err: unknown): undefined {
  if (err instanceof PathNotFoundError) return undefined;
  throw err;
}
