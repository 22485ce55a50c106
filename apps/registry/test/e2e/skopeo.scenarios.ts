import { skopeo, skopeoJson } from '../support/clients';
import { listLayoutBlobs, sha256Digest } from '../support/oci-layout';
import { dockerRef, multiArchImage, pushWithSkopeo, rawManifest, tinyImage } from './fixtures';
import type { Scenario, ScenarioContext } from './scenario-context';

/** The parts of `skopeo inspect` output the scenarios check. */
interface SkopeoInspect {
  Name: string;
  Digest: string;
  RepoTags: string[];
  Architecture: string;
  Os: string;
  Layers: string[];
}

const DOCKER_SCHEMA2 = 'application/vnd.docker.distribution.manifest.v2+json';
const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';
const DOCKER_LAYER_GZIP = 'application/vnd.docker.image.rootfs.diff.tar.gzip';

function inspect(target: string, globalArgs: string[] = []): Promise<SkopeoInspect> {
  return skopeoJson<SkopeoInspect>([...globalArgs, 'inspect', '--tls-verify=false', target]);
}

async function listTags(ctx: ScenarioContext, repository: string): Promise<string[]> {
  const { Tags } = await skopeoJson<{ Tags: string[] }>(['list-tags', '--tls-verify=false', dockerRef(ctx, repository)]);
  return Tags;
}

async function pushesOciImageAndReadsItBack(ctx: ScenarioContext): Promise<void> {
  const { source, image } = await tinyImage(ctx, 'round trip');
  const target = dockerRef(ctx, 'e2e/tiny:1.0');
  await pushWithSkopeo(source, target);

  expect(await rawManifest(target)).toBe(image.manifest.toString());
  expect(await inspect(target)).toMatchObject({ Digest: image.manifestDigest, Architecture: image.platform.architecture, Os: 'linux', Layers: image.layerDigests });
  expect((await skopeo(['inspect', '--tls-verify=false', '--config', '--raw', target])).stdout).toBe(image.config.toString());
  expect(await listTags(ctx, 'e2e/tiny')).toContain('1.0');

  const copyDir = await ctx.tempDir('copied-back');
  await skopeo(['copy', '--src-tls-verify=false', target, `oci:${copyDir}:1.0`]);
  expect(await listLayoutBlobs(copyDir)).toEqual([image.manifestDigest, ...image.blobDigests].sort());
}

async function convertsToDockerSchema2OnAnotherTag(ctx: ScenarioContext): Promise<void> {
  const { source, image } = await tinyImage(ctx, 'formats');
  await pushWithSkopeo(source, dockerRef(ctx, 'e2e/formats:oci'));
  const target = dockerRef(ctx, 'e2e/formats:v2s2');
  await pushWithSkopeo(source, target, ['--format', 'v2s2']);

  const raw = await rawManifest(target);
  const manifest = JSON.parse(raw) as { mediaType: string; config: { mediaType: string; digest: string }; layers: Array<{ mediaType: string; digest: string }> };
  expect(manifest.mediaType).toBe(DOCKER_SCHEMA2);
  expect(manifest.config).toMatchObject({ mediaType: DOCKER_CONFIG, digest: image.configDigest });
  expect(manifest.layers).toEqual(image.layerDigests.map((digest) => expect.objectContaining({ mediaType: DOCKER_LAYER_GZIP, digest })));
  expect(await inspect(target)).toMatchObject({ Digest: sha256Digest(Buffer.from(raw)), Architecture: image.platform.architecture });
  expect((await listTags(ctx, 'e2e/formats')).sort()).toEqual(['oci', 'v2s2']);
  expect(await rawManifest(dockerRef(ctx, 'e2e/formats:oci'))).toBe(image.manifest.toString());
}

async function deletesAManifest(ctx: ScenarioContext): Promise<void> {
  const doomed = await tinyImage(ctx, 'doomed');
  const survivor = await tinyImage(ctx, 'survivor');
  const target = dockerRef(ctx, 'e2e/doomed:1.0');
  await pushWithSkopeo(doomed.source, target);
  await pushWithSkopeo(survivor.source, dockerRef(ctx, 'e2e/doomed:keep'));

  await skopeo(['delete', '--tls-verify=false', target]);
  await expect(rawManifest(target)).rejects.toThrow(/manifest unknown/i);
  await expect(rawManifest(dockerRef(ctx, `e2e/doomed@${doomed.image.manifestDigest}`))).rejects.toThrow(/manifest unknown/i);
  expect(await rawManifest(dockerRef(ctx, 'e2e/doomed:keep'))).toBe(survivor.image.manifest.toString());
}

async function copiesAMultiArchIndex(ctx: ScenarioContext): Promise<void> {
  const { source, index } = await multiArchImage(ctx);
  const target = dockerRef(ctx, 'e2e/multi:1.0');
  await pushWithSkopeo(source, target, ['--all']);

  expect(await rawManifest(target)).toBe(index.index.toString());
  for (const image of index.images) {
    const chosen = await inspect(target, ['--override-arch', image.platform.architecture, '--override-os', image.platform.os]);
    expect(chosen).toMatchObject({ Architecture: image.platform.architecture, Layers: image.layerDigests });
    expect(await rawManifest(dockerRef(ctx, `e2e/multi@${image.manifestDigest}`))).toBe(image.manifest.toString());
  }
}

async function handlesMultiLevelRepositoryNames(ctx: ScenarioContext): Promise<void> {
  const { source, image } = await tinyImage(ctx, 'nested');
  const target = dockerRef(ctx, 'e2e/team/app/sub:1.0');
  await pushWithSkopeo(source, target);

  expect(await rawManifest(target)).toBe(image.manifest.toString());
  expect(await inspect(target)).toMatchObject({ Name: `${ctx.host}/e2e/team/app/sub`, Digest: image.manifestDigest });
  expect(await listTags(ctx, 'e2e/team/app/sub')).toEqual(['1.0']);
}

export const skopeoScenarios: Scenario[] = [
  { name: 'pushes an OCI image byte-exact, inspects it, lists tags and copies it back', run: pushesOciImageAndReadsItBack },
  { name: 'converts to Docker schema2 (--format v2s2) on another tag', run: convertsToDockerSchema2OnAnotherTag },
  { name: 'deletes a manifest (skopeo delete), after which it is unknown', run: deletesAManifest },
  { name: 'copies a multi-arch OCI index (--all) and picks a platform (--override-arch)', run: copiesAMultiArchIndex },
  { name: 'handles a multi-level repository name', run: handlesMultiLevelRepositoryNames },
];
