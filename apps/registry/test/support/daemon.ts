import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { privateMountsCommand } from './run-command';

export interface DaemonOptions {
  env?: NodeJS.ProcessEnv;
  /** stdout and stderr of the daemon go here. */
  logFile: string;
  isolate?: boolean;
}

const POLL_INTERVAL_MS = 100;
const GRACEFUL_STOP_MS = 10_000;
const SHOWN_LOG_CHARS = 4_000;

/** A long-running child process whose output goes to a log file. */
export class Daemon {
  private readonly exit: Promise<void>;
  private exitStatus: string | undefined;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {
    this.exit = new Promise((resolve) => {
      const exited = (status: string) => {
        this.exitStatus ??= status;
        resolve();
      };
      child.once('exit', (code, signal) => exited(signal ? `signal ${signal}` : `exit code ${code}`));
      child.once('error', (error) => exited(`cannot start: ${error.message}`));
    });
  }

  static start(command: string, args: readonly string[], options: DaemonOptions): Daemon {
    const [file, argv] = options.isolate ? privateMountsCommand(command, args) : [command, [...args]];
    const log = openSync(options.logFile, 'a');
    try {
      const child = spawn(file, argv, { env: options.env ?? process.env, stdio: ['ignore', log, log] });
      return new Daemon(command, child, options.logFile);
    } finally {
      closeSync(log);
    }
  }

  get hasExited(): boolean {
    return this.exitStatus !== undefined;
  }

  /** Polls `isReady` until it answers true; throws with the log if the daemon dies or time runs out. */
  async waitUntilReady(isReady: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.hasExited) throw await this.failure(`exited early (${this.exitStatus})`);
      if (await isReady().catch(() => false)) return;
      await sleep(POLL_INTERVAL_MS);
    }
    throw await this.failure(`not ready after ${timeoutMs} ms`);
  }

  /** SIGTERM, then SIGKILL if the daemon lingers. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.hasExited || this.child.pid === undefined) return;
    this.child.kill('SIGTERM');
    const graceOver = new AbortController();
    const gracePeriod = sleep(GRACEFUL_STOP_MS, false, { signal: graceOver.signal }).catch(() => true);
    const stopped = await Promise.race([this.exit.then(() => true), gracePeriod]);
    graceOver.abort();
    if (!stopped) this.child.kill('SIGKILL');
    await this.exit;
  }

  async logTail(): Promise<string> {
    const log = await readFile(this.logFile, 'utf8').catch(() => '');
    return log.slice(-SHOWN_LOG_CHARS);
  }

  private async failure(what: string): Promise<Error> {
    return new Error(`${this.name} ${what}; log ${this.logFile}:\n${await this.logTail()}`);
  }
}
