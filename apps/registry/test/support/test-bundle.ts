import { build } from 'esbuild';
import { type ChildProcess, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

// Process tests run a service as operators do: its main.ts bundled into one file, started as
// its own process. The bundle sits inside the repository so its external packages resolve
// from node_modules.

const repoRoot = resolve(__dirname, '../../../..');

export interface TestBundle {
  file: string;
  remove(): Promise<void>;
}

/** Bundles `apps/<service>/src/main.ts` into dist/test-bundles, named per test process. */
export async function bundleServiceMain(service: string): Promise<TestBundle> {
  const file = join(repoRoot, 'dist', 'test-bundles', `${service}-main-${process.pid}.js`);
  await build({
    entryPoints: [join(repoRoot, `apps/${service}/src/main.ts`)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    tsconfig: join(repoRoot, 'tsconfig.base.json'),
    outfile: file,
    logLevel: 'warning',
    absWorkingDir: repoRoot,
  });
  return {
    file,
    async remove() {
      await rm(file, { force: true });
      await rm(`${file}.map`, { force: true });
    },
  };
}

export interface StartedProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  exited: Promise<number | null>;
}

/** Runs `node <script> ...args` from the repository root, collecting its output. */
export function startNodeProcess(script: string, args: readonly string[], env: Record<string, string> = {}): StartedProcess {
  const child = spawn(process.execPath, [script, ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
  const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  return { child, output: () => text, exited };
}
