import { Containerd } from '../support/clients';
import { MediaType, platformName } from '../support/oci-layout';
import { bigImage, dockerRef, multiArchImage, pushWithSkopeo, rawManifest } from './fixtures';
import type { Scenario, ScenarioContext } from './scenario-context';

/** No skip when containerd cannot start: Containerd.start() throws with the daemon's log. */
async function startContainerd(ctx: ScenarioContext): Promise<Containerd> {
  const containerd = await Containerd.start();
  ctx.defer(() => containerd.stop());
  return containerd;
}

async function pullsListsAndPushesBack(ctx: ScenarioContext): Promise<void> {
  const { source, image } = await bigImage(ctx, 'containerd');
  const original = `${ctx.host}/e2e/ctr/source:1.0`;
  await pushWithSkopeo(source, `docker://${original}`);
  const containerd = await startContainerd(ctx);

  await containerd.pull(original);
  const expected = { ref: original, mediaType: MediaType.imageManifest, digest: image.manifestDigest, platforms: [platformName(image.platform)] };
  expect(await containerd.listImages()).toContainEqual(expected);
  expect(await containerd.contentDigests()).toEqual(expect.arrayContaining([image.manifestDigest, ...image.blobDigests]));
  expect((await containerd.ctr(['content', 'get', image.manifestDigest])).stdout).toBe(image.manifest.toString());

  const copy = `${ctx.host}/e2e/ctr/pushed:1.0`;
  await containerd.ctr(['images', 'tag', original, copy]);
  await containerd.push(copy);
  expect(await rawManifest(dockerRef(ctx, 'e2e/ctr/pushed:1.0'))).toBe(image.manifest.toString());
}

async function pullsAllPlatformsOfAnIndex(ctx: ScenarioContext): Promise<void> {
  const { source, index } = await multiArchImage(ctx);
  const ref = `${ctx.host}/e2e/ctr/multi:1.0`;
  await pushWithSkopeo(source, `docker://${ref}`, ['--all']);
  const containerd = await startContainerd(ctx);

  await containerd.pull(ref, { allPlatforms: true });
  const listed = (await containerd.listImages()).find((image) => image.ref === ref);
  expect(listed).toMatchObject({ mediaType: MediaType.imageIndex, digest: index.indexDigest });
  expect(listed?.platforms.sort()).toEqual(index.images.map((image) => platformName(image.platform)).sort());
  const everyBlob = [index.indexDigest, ...index.images.flatMap((image) => [image.manifestDigest, ...image.blobDigests])];
  expect(await containerd.contentDigests()).toEqual(expect.arrayContaining(everyBlob));
}

export const ctrScenarios: Scenario[] = [
  { name: 'pulls (plain HTTP), lists, reads content and pushes back', run: pullsListsAndPushesBack },
  { name: 'pulls every platform of a multi-arch index (--all-platforms)', run: pullsAllPlatformsOfAnIndex },
];
