import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chown, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DatabaseConfig, RedisConfig } from '@harbor-ts/config';

// Redis and PostgreSQL servers of a test's own, on free ports, that the test may kill and start
// again: the machine's shared servers are used by other test runs and must never be restarted.

const run = promisify(execFile);

/** A port the kernel just handed out on 127.0.0.1, released for a server to take. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** redis-server with an append-only file synced on every write, so a SIGKILL loses nothing. */
export class PrivateRedis {
  private process: ChildProcess | undefined;

  private constructor(readonly port: number, private readonly dir: string) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), await mkdtemp(join(tmpdir(), 'jobservice-redis-')));
    await redis.restart();
    return redis;
  }

  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  config(keyPrefix: string): RedisConfig {
    return { host: '127.0.0.1', port: this.port, db: 0, keyPrefix };
  }

  /** Starts the server (again) on the same port and data directory; resolves once it answers PING. */
  async restart(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir];
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.process = child;
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`))));
    exited.catch(() => undefined);
    await Promise.race([waitUntil(() => redisAnswers(this.port), 10_000, `redis-server on port ${this.port}`), exited]);
  }

  async kill(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<void> {
    const child = this.process;
    if (!child || !this.running) return;
    this.process = undefined;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  /** Kills the server and removes its data; safe to call in afterAll whatever state it is in. */
  async destroy(): Promise<void> {
    await this.kill('SIGKILL');
    await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * A PostgreSQL cluster from the Debian binaries, trust authentication, listening on 127.0.0.1 and
 * a socket in its own directory. The server refuses to run as root, so as root its commands run
 * as the postgres OS user, which owns the directory.
 */
export class PrivatePostgres {
  private constructor(readonly port: number, private readonly dir: string, private readonly bin: string) {}

  static async start(): Promise<PrivatePostgres> {
    const dir = await mkdtemp(join(tmpdir(), 'jobservice-pg-'));
    const pg = new PrivatePostgres(await freePort(), dir, await postgresBinaries());
    if (isRoot()) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      await chown(dir, Number(stdout), Number(gid));
    }
    await pg.command('initdb', ['-D', pg.dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    await pg.restart();
    return pg;
  }

  config(): DatabaseConfig {
    return { host: '127.0.0.1', port: this.port, database: 'postgres', user: 'postgres', password: '', ssl: false, poolMax: 5, idleTimeoutMs: 10_000 };
  }

  /** Starts the server (again); resolves once it accepts connections. */
  async restart(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await this.command('pg_ctl', ['-D', this.dataDir, '-l', join(this.dir, 'server.log'), '-w', '-t', '30', '-o', options, 'start']);
  }

  /** Stops the server without a checkpoint, as a crash would; its next start recovers from the WAL. */
  async stopImmediately(): Promise<void> {
    await this.command('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
  }

  /** Stops the server if it runs (killing the postmaster if pg_ctl cannot) and removes the cluster. */
  async destroy(): Promise<void> {
    const pid = await readFile(join(this.dataDir, 'postmaster.pid'), 'utf8').then((text) => Number(text.split('\n')[0]), () => undefined);
    if (pid) {
      await this.stopImmediately().catch(() => {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      });
    }
    await rm(this.dir, { recursive: true, force: true });
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  private async command(name: string, args: string[]): Promise<void> {
    const binary = join(this.bin, name);
    if (isRoot()) await run('runuser', ['-u', 'postgres', '--', binary, ...args]);
    else await run(binary, args);
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The newest PostgreSQL installed the Debian way (/usr/lib/postgresql/<major>/bin). */
async function postgresBinaries(): Promise<string> {
  const majors = (await readdir('/usr/lib/postgresql')).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  if (majors.length === 0) throw new Error('no PostgreSQL under /usr/lib/postgresql');
  return join('/usr/lib/postgresql', majors[0], 'bin');
}

function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.setTimeout(1_000, () => socket.destroy());
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
