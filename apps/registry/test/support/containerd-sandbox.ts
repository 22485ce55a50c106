import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Daemon } from './daemon';
import { run, type RunResult } from './run-command';
import { makeTempDir, removeDir } from './temp-dir';

const NAMESPACE = 'e2e';
const STARTUP_TIMEOUT_MS = 20_000;

/** An image as `ctr images ls` prints it. */
export interface CtrImage {
  ref: string;
  mediaType: string;
  digest: string;
  platforms: string[];
}

/**
 * A containerd daemon of its own: root, state, sockets and plugin dirs in a temp directory,
 * started in a private mount namespace (its snapshot mounts stay there), stopped by stop().
 */
export class Containerd {
  private constructor(
    readonly dir: string,
    private readonly daemon: Daemon,
    private readonly socket: string,
  ) {}

  /** Throws (with the daemon's log) if containerd cannot start: the ctr tests must not skip. */
  static async start(): Promise<Containerd> {
    const dir = await makeTempDir('containerd');
    const socket = join(dir, 'containerd.sock');
    const configFile = join(dir, 'containerd.toml');
    await mkdir(join(dir, 'tmp'));
    await writeFile(configFile, containerdConfig(dir, socket));
    const env = { ...process.env, TMPDIR: join(dir, 'tmp') };
    const daemon = Daemon.start('containerd', ['--config', configFile], { env, logFile: join(dir, 'containerd.log'), isolate: true });
    const containerd = new Containerd(dir, daemon, socket);
    try {
      await daemon.waitUntilReady(() => containerd.answers(), STARTUP_TIMEOUT_MS);
    } catch (error) {
      await containerd.stop();
      throw error;
    }
    return containerd;
  }

  ctr(args: readonly string[]): Promise<RunResult> {
    return run('ctr', ['-a', this.socket, '-n', NAMESPACE, ...args]);
  }

  private async answers(): Promise<boolean> {
    await run('ctr', ['-a', this.socket, '--connect-timeout', '1s', 'version'], { timeoutMs: 5_000 });
    return true;
  }

  /** Plain HTTP pull, unpacked with the native snapshotter (works without overlayfs). */
  pull(ref: string, options: { allPlatforms?: boolean } = {}): Promise<RunResult> {
    const platforms = options.allPlatforms ? ['--all-platforms'] : [];
    return this.ctr(['images', 'pull', '--plain-http', '--snapshotter', 'native', ...platforms, ref]);
  }

  push(ref: string): Promise<RunResult> {
    return this.ctr(['images', 'push', '--plain-http', ref]);
  }

  async listImages(): Promise<CtrImage[]> {
    const { stdout } = await this.ctr(['images', 'ls']);
    return stdout.trim().split('\n').slice(1).filter(Boolean).map(parseImageLine);
  }

  async contentDigests(): Promise<string[]> {
    const { stdout } = await this.ctr(['content', 'ls', '-q']);
    return stdout.split('\n').filter(Boolean);
  }

  async stop(): Promise<void> {
    await this.daemon.stop();
    await removeDir(this.dir);
  }
}

/** `REF TYPE DIGEST SIZE PLATFORMS LABELS`, where SIZE holds a space ("3.0 MiB"). */
function parseImageLine(line: string): CtrImage {
  const columns = line.trim().split(/\s+/);
  const platforms = columns[columns.length - 2];
  return { ref: columns[0], mediaType: columns[1], digest: columns[2], platforms: platforms === '-' ? [] : platforms.split(',') };
}

function containerdConfig(dir: string, socket: string): string {
  return `version = 2
root = "${join(dir, 'root')}"
state = "${join(dir, 'state')}"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "${socket}"
[ttrpc]
  address = "${socket}.ttrpc"
[debug]
  address = "${join(dir, 'debug.sock')}"
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "${join(dir, 'opt')}"
`;
}
