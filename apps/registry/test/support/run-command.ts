import { execFile } from 'node:child_process';

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Run inside a private mount namespace; see privateMountsCommand. */
  isolate?: boolean;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Fails before jest's own timeout, so the error still names the command and shows its output. */
const DEFAULT_TIMEOUT_MS = 90_000;
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
const SHOWN_OUTPUT_CHARS = 4_000;

export class CommandError extends Error {
  constructor(
    readonly commandLine: string,
    readonly reason: string,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`${commandLine} failed (${reason})\n--- stdout ---\n${lastChars(stdout)}\n--- stderr ---\n${lastChars(stderr)}`);
    this.name = 'CommandError';
  }
}

/** Runs a real binary; a failure throws a CommandError carrying stdout and stderr. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const [file, argv] = options.isolate ? privateMountsCommand(command, args) : [command, args];
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const execOptions = { env: options.env ?? process.env, timeout, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8' as const };
  return new Promise((resolve, reject) => {
    execFile(file, argv, execOptions, (error, stdout, stderr) => {
      if (!error) return resolve({ stdout, stderr });
      reject(new CommandError([command, ...args].join(' '), failureReason(error, file, timeout), stdout, stderr));
    });
  });
}

/**
 * As root, skopeo and podman write outside their configured directories: the blob info cache
 * in /var/lib/containers/cache, netavark and libpod state in /run, the libpod lock segment in
 * /dev/shm. A private mount namespace with fresh tmpfs mounts over those paths keeps the
 * machine's own container state untouched; the mounts vanish with the process.
 */
export function privateMountsCommand(command: string, args: readonly string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, [...args]];
  const masks = ['/var/lib', '/run', '/dev/shm'].map((dir) => `mount -n -t tmpfs harbor-e2e ${dir}`);
  const script = `${masks.join(' && ')} && exec "$@"`;
  return ['unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', script, 'harbor-e2e', command, ...args]];
}

type ExecError = Error & { code?: unknown; signal?: unknown; killed?: boolean };

function failureReason(error: ExecError, file: string, timeoutMs: number): string {
  if (error.code === 'ENOENT') return `${file} not found on PATH`;
  if (error.killed && error.signal) return `killed by ${String(error.signal)}, timeout ${timeoutMs} ms`;
  if (typeof error.code === 'number') return `exit code ${error.code}`;
  return error.message;
}

function lastChars(text: string): string {
  return text.length <= SHOWN_OUTPUT_CHARS ? text : `…${text.slice(-SHOWN_OUTPUT_CHARS)}`;
}
