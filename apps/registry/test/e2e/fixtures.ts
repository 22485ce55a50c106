import { skopeo } from '../support/clients';
import { bigLayerFiles, buildImageLayout, buildMultiArchLayout, type BuiltImage, type BuiltIndex, type Platform } from '../support/oci-layout';
import type { ScenarioContext } from './scenario-context';

/** Test images as OCI layouts in temp dirs, and the skopeo calls every scenario repeats. */

export interface ImageFixture {
  /** `oci:DIR:TAG`, a skopeo source. */
  source: string;
  image: BuiltImage;
}

export interface IndexFixture {
  source: string;
  index: BuiltIndex;
}

export const MULTI_ARCH_PLATFORMS: Platform[] = [
  { architecture: 'amd64', os: 'linux' },
  { architecture: 'arm64', os: 'linux' },
];

const LAYOUT_TAG = '1.0';

/** A one-layer image of a few hundred bytes; `note` makes its digests differ from other fixtures. */
export async function tinyImage(ctx: ScenarioContext, note: string): Promise<ImageFixture> {
  const dir = await ctx.tempDir('layout');
  const files = [{ path: 'hello.txt', content: `hello from the harbor-ts e2e suite: ${note}\n` }];
  const image = await buildImageLayout(dir, { tag: LAYOUT_TAG, files });
  return { source: `oci:${dir}:${LAYOUT_TAG}`, image };
}

/** A tiny layer plus a 3 MiB incompressible one: uploads and downloads big enough to be streamed, not read in one go. */
export async function bigImage(ctx: ScenarioContext, note: string): Promise<ImageFixture> {
  const dir = await ctx.tempDir('layout');
  const files = [{ path: 'hello.txt', content: `big image: ${note}\n` }];
  const image = await buildImageLayout(dir, { tag: LAYOUT_TAG, files, extraLayers: [bigLayerFiles(3 * 1024 * 1024, note)] });
  return { source: `oci:${dir}:${LAYOUT_TAG}`, image };
}

export async function multiArchImage(ctx: ScenarioContext): Promise<IndexFixture> {
  const dir = await ctx.tempDir('layout');
  const index = await buildMultiArchLayout(dir, { tag: LAYOUT_TAG, platforms: MULTI_ARCH_PLATFORMS });
  return { source: `oci:${dir}:${LAYOUT_TAG}`, index };
}

/** `docker://HOST/REPO[:TAG|@DIGEST]` */
export function dockerRef(ctx: ScenarioContext, repoAndReference: string): string {
  return `docker://${ctx.host}/${repoAndReference}`;
}

export async function pushWithSkopeo(source: string, target: string, extraArgs: string[] = []): Promise<void> {
  await skopeo(['copy', '--dest-tls-verify=false', ...extraArgs, source, target]);
}

/** The manifest exactly as the registry serves it. */
export async function rawManifest(target: string): Promise<string> {
  return (await skopeo(['inspect', '--tls-verify=false', '--raw', target])).stdout;
}
