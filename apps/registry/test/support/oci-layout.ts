import { buildLayer, type LayerFile } from './tar-layer';
import { initLayout, MediaType, tagInLayout, writeBlob, type Descriptor, type Platform } from './oci-layout-files';

export { listLayoutBlobs, MediaType, type Descriptor, type Platform } from './oci-layout-files';
export { bigLayerFiles, sha256Digest, type LayerFile } from './tar-layer';

/** Builds OCI image layouts on disk (what `skopeo copy oci:DIR:TAG` reads) without any tool. */

export interface ImageSpec {
  /** The name in index.json, i.e. the TAG of `oci:DIR:TAG`. */
  tag: string;
  /** The first layer. */
  files: LayerFile[];
  /** Further layers, e.g. bigLayerFiles(). */
  extraLayers?: LayerFile[][];
  /** Defaults to the machine's own platform, so containerd can unpack the image. */
  platform?: Platform;
  cmd?: string[];
}

export interface BuiltImage {
  manifest: Buffer;
  manifestDigest: string;
  /** The manifest descriptor as an index lists it (with platform). */
  descriptor: Descriptor;
  config: Buffer;
  configDigest: string;
  layerDigests: string[];
  /** Config and layers: the blobs a registry must hold besides the manifest. */
  blobDigests: string[];
  platform: Platform;
}

export interface MultiArchSpec {
  tag: string;
  platforms: Platform[];
}

export interface BuiltIndex {
  index: Buffer;
  indexDigest: string;
  images: BuiltImage[];
}

const NODE_TO_OCI_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' };

export function hostPlatform(): Platform {
  return { architecture: NODE_TO_OCI_ARCH[process.arch] ?? process.arch, os: 'linux' };
}

export async function buildImageLayout(dir: string, spec: ImageSpec): Promise<BuiltImage> {
  await initLayout(dir);
  const image = await writeImage(dir, spec);
  await tagInLayout(dir, image.descriptor, spec.tag);
  return image;
}

/** One small image per platform, listed by an OCI image index that index.json names `tag`. */
export async function buildMultiArchLayout(dir: string, spec: MultiArchSpec): Promise<BuiltIndex> {
  await initLayout(dir);
  const images: BuiltImage[] = [];
  for (const platform of spec.platforms) {
    const files = [{ path: 'platform.txt', content: `${platformName(platform)}\n` }];
    images.push(await writeImage(dir, { files, platform }));
  }
  const index = jsonBytes({ schemaVersion: 2, mediaType: MediaType.imageIndex, manifests: images.map((image) => image.descriptor) });
  const indexDescriptor = await writeBlob(dir, MediaType.imageIndex, index);
  await tagInLayout(dir, indexDescriptor, spec.tag);
  return { index, indexDigest: indexDescriptor.digest, images };
}

export function platformName(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

async function writeImage(dir: string, spec: Omit<ImageSpec, 'tag'>): Promise<BuiltImage> {
  const platform = canonicalPlatform(spec.platform ?? hostPlatform());
  const layers = [spec.files, ...(spec.extraLayers ?? [])].map(buildLayer);
  const layerDescriptors = await Promise.all(layers.map((layer) => writeBlob(dir, MediaType.layerGzip, layer.blob)));
  const config = jsonBytes(imageConfig(platform, layers.map((layer) => layer.diffId), spec.cmd ?? ['/hello.txt']));
  const configDescriptor = await writeBlob(dir, MediaType.imageConfig, config);
  const manifest = jsonBytes({ schemaVersion: 2, mediaType: MediaType.imageManifest, config: configDescriptor, layers: layerDescriptors });
  const manifestDescriptor = await writeBlob(dir, MediaType.imageManifest, manifest);
  const layerDigests = layerDescriptors.map((layer) => layer.digest);
  return {
    manifest,
    manifestDigest: manifestDescriptor.digest,
    descriptor: { ...manifestDescriptor, platform },
    config,
    configDigest: configDescriptor.digest,
    layerDigests,
    blobDigests: [configDescriptor.digest, ...layerDigests],
    platform,
  };
}

/** image-spec config.md: the fields a runtime needs; `created` fixed so rebuilds give the same digest. */
function imageConfig(platform: Platform, diffIds: string[], cmd: string[]): object {
  return {
    created: '1970-01-01T00:00:00Z',
    ...platform,
    config: { Cmd: cmd },
    rootfs: { type: 'layers', diff_ids: diffIds },
  };
}

function canonicalPlatform({ architecture, os, variant }: Platform): Platform {
  return variant ? { architecture, os, variant } : { architecture, os };
}

function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}
