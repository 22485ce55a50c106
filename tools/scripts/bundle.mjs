// Bundles one service entry point into dist/apps/<name>/main.js. TypeScript goes through swc,
// not esbuild's own loader, because NestJS and TypeORM need emitDecoratorMetadata, which
// esbuild does not implement. Usage: node tools/scripts/bundle.mjs apps/core/src/main.ts dist/apps/core/main.js
// An app with a web/build.mjs (portal-api) also gets its browser bundle beside main.js, in public/.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { transform } from '@swc/core';

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error('usage: bundle.mjs <entry.ts> <outfile.js>');
  process.exit(2);
}

const swcTypeScript = {
  name: 'swc-typescript',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const out = await transform(source, {
        filename: path,
        sourceMaps: 'inline',
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
      });
      return { contents: out.code, loader: 'js' };
    });
  },
};

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  tsconfig: 'tsconfig.base.json',
  logLevel: 'warning',
  plugins: [swcTypeScript],
});

const webBuild = resolve(dirname(entry), '..', 'web', 'build.mjs');
if (existsSync(webBuild)) {
  const { buildPortal } = await import(pathToFileURL(webBuild).href);
  await buildPortal({ outdir: join(dirname(outfile), 'public') });
}
