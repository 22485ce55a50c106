import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { type LogCollector, type LogCollectorOptions, startLogCollector } from '../../src/collector';

export const quiet = pino({ level: 'silent' });

export interface TestCollector extends LogCollector {
  dir: string;
  /** Lines of `<dir>/<name>`, [] while it does not exist. */
  lines(name: string): Promise<string[]>;
  files(): Promise<string[]>;
}

/** The real collector on a random loopback port, writing into a fresh temp dir. */
type Options = Pick<LogCollectorOptions, 'forward'> & { rotateSizeBytes?: number; rotateCount?: number; highWaterBytes?: number; dir?: string; port?: number };

export async function startTestCollector(options: Options = {}): Promise<TestCollector> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'log-collector-test-')));
  const collector = await startLogCollector({
    listen: { host: '127.0.0.1', port: options.port ?? 0 },
    files: options.forward ? undefined : { directory: dir, rotateSizeBytes: options.rotateSizeBytes ?? 1 << 30, rotateCount: options.rotateCount ?? 5, highWaterBytes: options.highWaterBytes },
    log: quiet,
    ...(options.forward ? { forward: options.forward } : {}),
  });
  return {
    ...collector,
    dir,
    lines: (name) => readLines(join(dir, name)),
    files: async () => (await readdir(dir)).sort(),
    async close() {
      await collector.close();
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function readLines(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean);
}

/** Debian's logger(1), util-linux: the client the issue names. */
export async function logger(args: string[]): Promise<void> {
  await promisify(execFile)('logger', args);
}

export async function until<T>(probe: () => Promise<T> | T, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}
