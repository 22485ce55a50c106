import type { SyslogMessage } from '@harbor-ts/logging';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { fileLine } from './file-line';
import { RotatingFile } from './rotating-file';
import { serviceFileName } from './service-file-name';
import type { LogSink } from './sink';

export interface FileSinkOptions {
  directory: string;
  rotateSizeBytes: number;
  rotateCount: number;
  /** Queued bytes above which TCP inputs are paused. */
  highWaterBytes?: number;
  /** Queued bytes above which UDP messages are dropped (UDP senders cannot be paused). */
  hardLimitBytes?: number;
  log: Logger;
}

/** Most distinct services kept in the table; idle ones are forgotten beyond it. */
const MAX_TRACKED_FILES = 1000;

/**
 * One rotating file per service under the log directory. Memory is bounded by counting the
 * bytes queued across all files: above the high-water mark the sink reports itself saturated
 * (inputs stop reading), above the hard limit it drops and counts.
 */
export class FileSink implements LogSink {
  private readonly files = new Map<string, RotatingFile>();
  private readonly drainWaiters: Array<() => void> = [];
  private pendingBytes = 0;
  private readonly counters = { written: 0, dropped: 0, writeErrors: 0, peakPendingBytes: 0 };
  private lastErrorLog = 0;
  private readonly highWater: number;
  private readonly hardLimit: number;

  constructor(private readonly options: FileSinkOptions) {
    this.highWater = options.highWaterBytes ?? 8 * 1024 * 1024;
    this.hardLimit = options.hardLimitBytes ?? 4 * this.highWater;
  }

  get saturated(): boolean {
    return this.pendingBytes > this.highWater;
  }

  write(message: SyslogMessage, droppable: boolean): boolean {
    const line = fileLine(message, new Date());
    if (droppable && this.pendingBytes + line.length > this.hardLimit) {
      this.counters.dropped++;
      return false;
    }
    this.pendingBytes += line.length;
    this.counters.peakPendingBytes = Math.max(this.counters.peakPendingBytes, this.pendingBytes);
    this.fileFor(serviceFileName(message.appName)).append(line);
    this.counters.written++;
    return true;
  }

  whenDrained(callback: () => void): void {
    if (this.saturated) this.drainWaiters.push(callback);
    else callback();
  }

  stats(): Record<string, number> {
    return { ...this.counters, pendingBytes: this.pendingBytes, files: this.files.size };
  }

  async close(): Promise<void> {
    await Promise.all([...this.files.values()].map((f) => f.flushed()));
  }

  private fileFor(name: string): RotatingFile {
    let file = this.files.get(name);
    if (!file) {
      if (this.files.size >= MAX_TRACKED_FILES) this.forgetIdleFiles();
      file = new RotatingFile(join(this.options.directory, name), this.options.rotateSizeBytes, this.options.rotateCount, {
        settled: (bytes) => this.settled(bytes),
        error: (err, path) => this.writeFailed(err, path),
      });
      this.files.set(name, file);
    }
    return file;
  }

  private forgetIdleFiles(): void {
    for (const [name, file] of this.files) if (file.idle) this.files.delete(name);
  }

  private settled(bytes: number): void {
    this.pendingBytes -= bytes;
    // Resume readers only well below the mark, so they do not flap on every batch.
    if (this.pendingBytes <= this.highWater / 2) for (const resume of this.drainWaiters.splice(0)) resume();
  }

  private writeFailed(err: unknown, path: string): void {
    this.counters.writeErrors++;
    if (Date.now() - this.lastErrorLog < 10_000) return;
    this.lastErrorLog = Date.now();
    this.options.log.error({ err, file: path, writeErrors: this.counters.writeErrors }, 'cannot write log file');
  }
}
