// Builds the web portal with esbuild: one hashed script and one hashed stylesheet under
// <outdir>/assets, and <outdir>/index.html referencing them. Hashed names let the portal server
// cache assets forever while index.html is revalidated.
//   node apps/portal-api/web/build.mjs <outdir>
import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** @param {{ outdir: string; minify?: boolean }} options */
export async function buildPortal({ outdir, minify = true }) {
  const assets = join(outdir, 'assets');
  await rm(assets, { recursive: true, force: true }); // no stale hashed files from older builds
  await mkdir(assets, { recursive: true });
  const result = await build({
    entryPoints: { main: join(here, 'src', 'main.ts') },
    bundle: true,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    outdir: assets,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    minify,
    sourcemap: 'linked',
    metafile: true,
    tsconfig: join(here, 'tsconfig.json'),
    logLevel: 'warning',
    legalComments: 'none',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file));
  const script = outputs.find((f) => f.endsWith('.js'));
  const style = outputs.find((f) => f.endsWith('.css'));
  if (!script || !style) throw new Error(`esbuild produced no script or stylesheet: ${outputs.join(', ')}`);
  const template = await readFile(join(here, 'index.html'), 'utf8');
  const html = template
    .replace('<!-- styles -->', `<link rel="stylesheet" href="/assets/${style}">`)
    .replace('<!-- scripts -->', `<script src="/assets/${script}" defer></script>`);
  await writeFile(join(outdir, 'index.html'), html);
  return { index: join(outdir, 'index.html'), script: join(assets, script), style: join(assets, style) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outdir = process.argv[2];
  if (!outdir) {
    console.error('usage: node apps/portal-api/web/build.mjs <outdir>');
    process.exit(2);
  }
  const built = await buildPortal({ outdir: resolve(outdir) });
  console.log(`web portal built: ${built.index}`);
}
