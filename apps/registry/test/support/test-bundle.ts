import { build } from 'esbuild';
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
