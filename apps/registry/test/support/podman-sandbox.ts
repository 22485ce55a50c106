import { writeFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, type RunResult } from './run-command';
import { makeTempDir, removeDir } from './temp-dir';

/** The parts of `podman image inspect` the tests look at. */
export interface PodmanImage {
  Id: string;
  Digest: string;
  RepoTags: string[];
  RepoDigests: string[];
  Architecture: string;
  Os: string;
}

/**
 * podman with its own vfs storage, configuration, auth file and temp dir, all in one temp
 * directory; never the machine's /var/lib/containers, /etc/containers/networks or /run/libpod.
 */
export class Podman {
  private constructor(
    readonly dir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async create(label = 'podman'): Promise<Podman> {
    const dir = await makeTempDir(label);
    const files = { storage: join(dir, 'storage.conf'), containers: join(dir, 'containers.conf'), registries: join(dir, 'registries.conf'), auth: join(dir, 'auth.json') };
    await mkdir(join(dir, 'tmp'));
    await writeFile(files.storage, storageConf(dir));
    await writeFile(files.containers, containersConf(dir));
    await writeFile(files.registries, 'unqualified-search-registries = []\n');
    await writeFile(files.auth, '{}');
    const env = {
      ...process.env,
      CONTAINERS_STORAGE_CONF: files.storage,
      CONTAINERS_CONF: files.containers,
      CONTAINERS_REGISTRIES_CONF: files.registries,
      REGISTRY_AUTH_FILE: files.auth,
      TMPDIR: join(dir, 'tmp'),
    };
    return new Podman(dir, env);
  }

  podman(args: readonly string[]): Promise<RunResult> {
    return run('podman', args, { env: this.env, isolate: true });
  }

  pull(ref: string): Promise<RunResult> {
    return this.podman(['pull', '--tls-verify=false', ref]);
  }

  tag(source: string, target: string): Promise<RunResult> {
    return this.podman(['tag', source, target]);
  }

  /** Pushes and returns the manifest digest podman reports for what it wrote. */
  async push(ref: string): Promise<string> {
    const digestFile = join(this.dir, 'tmp', `digest-${Date.now()}`);
    await this.podman(['push', '--tls-verify=false', '--digestfile', digestFile, ref]);
    return (await readFile(digestFile, 'utf8')).trim();
  }

  async inspectImage(ref: string): Promise<PodmanImage> {
    const { stdout } = await this.podman(['image', 'inspect', ref]);
    const [image] = JSON.parse(stdout) as PodmanImage[];
    return image;
  }

  dispose(): Promise<void> {
    return removeDir(this.dir);
  }
}

function storageConf(dir: string): string {
  return `[storage]\ndriver = "vfs"\nrunroot = "${join(dir, 'run')}"\ngraphroot = "${join(dir, 'storage')}"\n`;
}

/** CONTAINERS_CONF replaces the system file; these keys keep podman's state inside `dir`. */
function containersConf(dir: string): string {
  return [
    '[engine]',
    `tmp_dir = "${join(dir, 'libpod-tmp')}"`,
    'events_logger = "none"',
    'cgroup_manager = "cgroupfs"',
    `image_copy_tmp_dir = "${join(dir, 'tmp')}"`,
    '[network]',
    `network_config_dir = "${join(dir, 'networks')}"`,
    '',
  ].join('\n');
}
