import { open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface RotatingFileEvents {
  /** Bytes that left the queue, written or lost to an error. */
  settled(bytes: number): void;
  error(err: unknown, file: string): void;
}

/**
 * An append-only log file rotated by size, like logrotate's `size` and `rotate` that Harbor's
 * log container uses: when the next line would take the file past `maxBytes`, `name` becomes
 * `name.1`, `name.1` becomes `name.2` and so on, keeping `keep` rotated files (0: none).
 * Lines are queued in memory and written in batches by one loop, so rotation happens between
 * writes and never splits a line. The handle is closed whenever the queue runs empty.
 */
export class RotatingFile {
  private queue: Buffer[] = [];
  private writing: Promise<void> | undefined;
  private handle: FileHandle | undefined;
  private size = 0;
  /** Set when a rotation failed: the next batch is written anyway rather than lost. */
  private overLimitOnce = false;

  constructor(
    readonly path: string,
    private readonly maxBytes: number,
    private readonly keep: number,
    private readonly events: RotatingFileEvents,
  ) {}

  get idle(): boolean {
    return this.writing === undefined;
  }

  append(line: Buffer): void {
    this.queue.push(line);
    this.startWriting();
  }

  private startWriting(): void {
    this.writing ??= this.writeLoop().finally(() => {
      this.writing = undefined;
      if (this.queue.length > 0) this.startWriting(); // appended while the handle was closing
    });
  }

  /** Resolves once everything appended so far is on disk (or failed). */
  async flushed(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async writeLoop(): Promise<void> {
    while (this.queue.length > 0) {
      let batch: Buffer | undefined;
      try {
        if (!this.handle) await this.openHandle(); // first: the size on disk decides the batch
        batch = this.takeBatch();
        if (batch.length === 0) {
          await this.rotate().catch((err: unknown) => {
            // Better an oversized file than lost lines: write on and try again at the next limit.
            this.events.error(err, this.path);
            this.overLimitOnce = true;
          });
          continue;
        }
        await (this.handle as FileHandle).write(batch);
        this.size += batch.length;
        this.overLimitOnce = false;
      } catch (err) {
        this.events.error(err, this.path);
        await this.closeHandle();
        // The file could not even be opened: what is queued is lost rather than retried forever.
        batch ??= Buffer.concat(this.queue.splice(0));
      } finally {
        this.events.settled(batch?.length ?? 0);
      }
    }
    await this.closeHandle();
  }

  /** Whole lines that fit under maxBytes; empty when the first one does not (time to rotate). */
  private takeBatch(): Buffer {
    let count = 0;
    let bytes = 0;
    while (count < this.queue.length && bytes < 1 << 20) {
      const next = this.queue[count].length;
      // A line longer than maxBytes still goes somewhere: alone, into a fresh file.
      if (this.size + bytes + next > this.maxBytes && (this.size > 0 || bytes > 0) && !(this.overLimitOnce && count === 0)) break;
      bytes += next;
      count++;
    }
    const lines = this.queue.splice(0, count);
    return Buffer.concat(lines, bytes);
  }

  private async openHandle(): Promise<void> {
    this.handle = await open(this.path, 'a', 0o640);
    this.size = (await this.handle.stat()).size;
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => undefined);
  }

  private async rotate(): Promise<void> {
    await this.closeHandle();
    for (let n = this.keep - 1; n >= 1; n--) await renameIfPresent(`${this.path}.${n}`, `${this.path}.${n + 1}`);
    if (this.keep > 0) await rename(this.path, `${this.path}.1`);
    else await unlink(this.path);
    await this.removeBeyondKeep();
    await this.openHandle();
  }

  /** Rotated files numbered past `keep` (left by an earlier, larger rotate_count). */
  private async removeBeyondKeep(): Promise<void> {
    const prefix = `${basename(this.path)}.`;
    for (const name of await readdir(dirname(this.path))) {
      const n = name.startsWith(prefix) ? Number(name.slice(prefix.length)) : NaN;
      if (Number.isInteger(n) && n > this.keep) await unlink(join(dirname(this.path), name)).catch(() => undefined);
    }
  }
}

async function renameIfPresent(from: string, to: string): Promise<void> {
  await rename(from, to).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}
