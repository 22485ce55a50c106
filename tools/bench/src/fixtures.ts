// Untimed setup, built through the API with concurrency before any scenario is timed: the image
// the read scenarios pull, a repository with many tags, and many repositories for the catalog.
import { Descriptor, OCI_CONFIG, OCI_LAYER, RegistryApi, smallBlob, SmallBlob, imageManifest } from './oci';
import { runPool } from './pool';
import { BlobSpec, blobBytes, blobDigest, blobStream } from './prng';
import { Scale } from './scale';

export interface BigBlob {
  readonly spec: BlobSpec;
  readonly digest: string;
}

/** The two large blobs, one per push scenario; their digests are computed once per bench. */
export interface BigBlobs {
  readonly monolithic: BigBlob;
  readonly chunked: BigBlob;
}

export interface PullImage {
  readonly repo: string;
  readonly tag: string;
  readonly manifest: Buffer;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
}

export interface Fixtures {
  readonly big: BigBlobs;
  readonly pull: PullImage;
  readonly tagsRepo: string;
}

export const BIG_REPO = 'bench/big';
export const PULL_REPO = 'bench/pull';
export const TAGS_REPO = 'bench/tags';
export const catalogRepo = (i: number): string => `bench/catalog-${String(i).padStart(5, '0')}`;
export const tagName = (i: number): string => `t${String(i).padStart(5, '0')}`;

export function bigBlobs(scale: Scale): BigBlobs {
  const blob = (seed: number): BigBlob => {
    const spec = { seed, size: scale.bigBlobBytes };
    return { spec, digest: blobDigest(spec) };
  };
  return { monolithic: blob(1), chunked: blob(2) };
}

export function configBlob(label: string, layers: readonly Descriptor[]): SmallBlob {
  const config = { architecture: 'amd64', os: 'linux', config: { Labels: { bench: label } }, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) } };
  return smallBlob(OCI_CONFIG, Buffer.from(JSON.stringify(config)));
}

async function pushPullImage(api: RegistryApi, scale: Scale): Promise<PullImage> {
  const layers: Descriptor[] = [];
  for (let i = 0; i < scale.pullLayers; i++) {
    const spec = { seed: 100 + i, size: scale.pullLayerBytes };
    const digest = blobDigest(spec);
    await api.pushBlob(PULL_REPO, digest, spec.size, blobStream(spec));
    layers.push({ mediaType: OCI_LAYER, digest, size: spec.size });
  }
  const config = configBlob('pull', layers);
  await api.pushSmall(PULL_REPO, config);
  const manifest = imageManifest(config.descriptor, layers);
  await api.putManifest(PULL_REPO, 'latest', manifest);
  return { repo: PULL_REPO, tag: 'latest', manifest, config: config.descriptor, layers };
}

async function pushTags(api: RegistryApi, scale: Scale): Promise<void> {
  const layer = smallBlob(OCI_LAYER, blobBytes({ seed: 200, size: scale.smallLayerBytes }));
  const config = configBlob('tags', [layer.descriptor]);
  await api.pushImage(TAGS_REPO, tagName(0), config, [layer]);
  const manifest = imageManifest(config.descriptor, [layer.descriptor]);
  await runPool(scale.tagCount - 1, scale.fixtureConcurrency, async (i) => {
    await api.putManifest(TAGS_REPO, tagName(i + 1), manifest);
  });
}

async function pushCatalog(api: RegistryApi, scale: Scale): Promise<void> {
  const layer = smallBlob(OCI_LAYER, blobBytes({ seed: 300, size: scale.smallLayerBytes }));
  const config = configBlob('catalog', [layer.descriptor]);
  await api.pushImage(catalogRepo(0), 'latest', config, [layer]);
  const manifest = imageManifest(config.descriptor, [layer.descriptor]);
  await runPool(scale.catalogRepos - 1, scale.fixtureConcurrency, async (i) => {
    const repo = catalogRepo(i + 1);
    for (const blob of [layer, config]) await api.mountOrPush(repo, blob, catalogRepo(0));
    await api.putManifest(repo, 'latest', manifest);
  });
}

export async function buildFixtures(api: RegistryApi, scale: Scale, big: BigBlobs): Promise<Fixtures> {
  const pull = await pushPullImage(api, scale);
  await pushTags(api, scale);
  await pushCatalog(api, scale);
  return { big, pull, tagsRepo: TAGS_REPO };
}
