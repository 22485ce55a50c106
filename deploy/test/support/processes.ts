import { execFile, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { appProjects, repoRoot } from './compose';

const exec = promisify(execFile);

export interface ScriptResult {
  code: number | null;
  output: string;
}

/** Runs one of the root scripts (./prepare, ./install.sh) to the end, collecting its output. */
export function runScript(script: string, args: readonly string[], env: Record<string, string> = {}): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(repoRoot, script), args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

export interface AppBundles {
  /** A directory laid out as dist/: apps/<name>/main.js (and apps/<name>/public for a web front end). */
  dist: string;
  mainOf(app: string): string;
  remove(): Promise<void>;
}

/**
 * Every app bundled as deploy/docker/Dockerfile and `nx build` do, inside the repository so
 * packages resolve (the bundler writes a web front end, the portal's, to public/ beside main.js).
 */
export async function bundleApps(label: string): Promise<AppBundles> {
  const dist = join(repoRoot, 'dist', 'test-bundles', `${label}-${process.pid}`);
  const mainOf = (app: string) => join(dist, 'apps', app, 'main.js');
  await Promise.all(appProjects().map((app) => exec(process.execPath, ['tools/scripts/bundle.mjs', `apps/${app}/src/main.ts`, mainOf(app)], { cwd: repoRoot })));
  return { dist, mainOf, remove: () => rm(dist, { recursive: true, force: true }) };
}
