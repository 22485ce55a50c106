import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

// docker-compose.yml as compose itself resolves it (`docker-compose config`: anchors merged,
// variables interpolated), so tests check what compose would run, not our reading of the file.

export const repoRoot = resolve(__dirname, '../../..');
const exec = promisify(execFile);

export interface ComposeService {
  image: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  environment?: Record<string, string | number | null>;
  volumes?: string[];
  ports?: { published: number | string; target: number }[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  user?: string;
  sysctls?: Record<string, string | number>;
}

export interface ComposeModel {
  services: Record<string, ComposeService>;
}

/** Runs `docker-compose config` for the given files with `vars` as the only variables. */
export async function composeConfig(vars: Record<string, string> = {}, files = ['docker-compose.yml']): Promise<ComposeModel> {
  const args = [...files.flatMap((f) => ['-f', f]), 'config'];
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...vars };
  const { stdout } = await exec('docker-compose', args, { cwd: repoRoot, env });
  return parse(stdout) as ComposeModel;
}

/** The service an app image runs (its build argument), when it is one of ours. */
export function appOf(service: ComposeService): string | undefined {
  return service.build?.args?.SERVICE;
}

/** apps/* whose project.json is tagged type:app: the services the code defines. */
export function appProjects(): string[] {
  return readdirSync(join(repoRoot, 'apps'))
    .filter((name) => {
      try {
        const project = JSON.parse(readFileSync(join(repoRoot, 'apps', name, 'project.json'), 'utf8')) as { tags?: string[] };
        return project.tags?.includes('type:app') ?? false;
      } catch {
        return false;
      }
    })
    .sort();
}

/** A volume as compose prints it: host:container[:mode]. */
export function parseVolume(spec: string): { host: string; container: string; readOnly: boolean } {
  const [host, container, mode] = spec.split(':');
  return { host, container, readOnly: mode === 'ro' };
}

/** The environment compose gives a service, as strings (what the process sees). */
export function environmentOf(service: ComposeService): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
}
