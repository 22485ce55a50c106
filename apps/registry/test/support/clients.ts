import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { run, type RunOptions, type RunResult } from './run-command';

export { CommandError, type RunResult } from './run-command';
export { Podman } from './podman-sandbox';
export { Containerd } from './containerd-sandbox';

/**
 * skopeo with no signature policy check (no dependency on /etc/containers/policy.json), in a
 * private mount namespace so its root-only blob info cache never lands in /var/lib/containers.
 */
export function skopeo(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return run('skopeo', ['--insecure-policy', ...args], { isolate: true, ...options });
}

/** skopeo's JSON output (inspect, list-tags), parsed. */
export async function skopeoJson<T>(args: readonly string[]): Promise<T> {
  const { stdout } = await skopeo(args);
  return JSON.parse(stdout) as T;
}

export async function commandExists(name: string): Promise<boolean> {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of dirs) {
    if (await access(join(dir, name), constants.X_OK).then(() => true, () => false)) return true;
  }
  return false;
}

/** Throws one error naming every missing binary, rather than failing later in a confusing way. */
export async function assertCommandsExist(names: readonly string[]): Promise<void> {
  const missing: string[] = [];
  for (const name of names) if (!(await commandExists(name))) missing.push(name);
  if (missing.length > 0) throw new Error(`e2e tests need these binaries on PATH: ${missing.join(', ')}`);
}
