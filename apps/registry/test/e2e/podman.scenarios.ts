import { Podman } from '../support/clients';
import { sha256Digest } from '../support/oci-layout';
import { bigImage, dockerRef, pushWithSkopeo, rawManifest } from './fixtures';
import type { Scenario, ScenarioContext } from './scenario-context';

async function podmanSandbox(ctx: ScenarioContext, label: string): Promise<Podman> {
  const podman = await Podman.create(label);
  ctx.defer(() => podman.dispose());
  return podman;
}

/**
 * skopeo pushes, podman pulls, podman pushes under a new name (recompressing the layers, so new
 * blobs and a new manifest), and a second podman with empty storage pulls that.
 */
async function pullsPushesAndPullsIntoFreshStorage(ctx: ScenarioContext): Promise<void> {
  const { source, image } = await bigImage(ctx, 'podman');
  const original = `${ctx.host}/e2e/podman/source:1.0`;
  await pushWithSkopeo(source, `docker://${original}`);

  const first = await podmanSandbox(ctx, 'podman-first');
  await first.pull(original);
  const pulled = await first.inspectImage(original);
  expect(pulled).toMatchObject({ Digest: image.manifestDigest, Architecture: image.platform.architecture, Os: 'linux' });
  expect(`sha256:${pulled.Id}`).toBe(image.configDigest);
  expect(pulled.RepoDigests).toContain(`${ctx.host}/e2e/podman/source@${image.manifestDigest}`);

  const copy = `${ctx.host}/e2e/podman/pushed:2.0`;
  await first.tag(original, copy);
  const pushedDigest = await first.push(copy);
  expect(sha256Digest(Buffer.from(await rawManifest(dockerRef(ctx, 'e2e/podman/pushed:2.0'))))).toBe(pushedDigest);

  const second = await podmanSandbox(ctx, 'podman-second');
  await second.pull(copy);
  const repulled = await second.inspectImage(copy);
  expect(repulled).toMatchObject({ Id: pulled.Id, Digest: pushedDigest });
  expect(repulled.RepoDigests).toContain(`${ctx.host}/e2e/podman/pushed@${pushedDigest}`);
}

export const podmanScenarios: Scenario[] = [
  { name: 'pulls, pushes under a new name and pulls that into fresh storage', run: pullsPushesAndPullsIntoFreshStorage },
];
