// Whole-image traffic: many small pushes with unique content, and many clients pulling the same
// image at once with every digest verified.
import { configBlob, PullImage } from '../fixtures';
import { expectStatus, HttpClient } from '../http';
import { Descriptor, MANIFEST_ACCEPT, OCI_LAYER, smallBlob } from '../oci';
import { runPool } from '../pool';
import { blobBytes } from '../prng';
import { MiB } from '../scale';
import { Scenario } from './scenario';

const SMALL_REPOS = 16;

export const smallPushes: Scenario = {
  id: 'small-image-push',
  unit: 'images/s',
  access: 'push',
  title: (scale) => `${scale.smallPushes} small image pushes, concurrency ${scale.smallPushConcurrency}`,
  async run(ctx) {
    const { smallPushes: count, smallPushConcurrency: concurrency, smallLayerBytes } = ctx.scale;
    const api = ctx.client(concurrency);
    await runPool(count, concurrency, async (i) => {
      const layer = smallBlob(OCI_LAYER, blobBytes({ seed: 1_000_000 + i, size: smallLayerBytes }));
      const config = configBlob(`small-${i}`, [layer.descriptor]);
      await api.pushImage(`bench/small-${i % SMALL_REPOS}`, `v${i}`, config, [layer]);
    });
    return count;
  },
};

async function pullVerified(http: HttpClient, repo: string, blob: Descriptor): Promise<void> {
  const path = `/v2/${repo}/blobs/${blob.digest}`;
  const reply = expectStatus(await http.getHashed(path), 'GET', path, 200);
  if (reply.digest !== blob.digest) throw new Error(`GET ${path}: body hashes to ${reply.digest}`);
}

/** One client's pull: manifest, then config, then the layers in parallel. Returns bytes read. */
async function pullImage(http: HttpClient, image: PullImage): Promise<number> {
  const path = `/v2/${image.repo}/manifests/${image.tag}`;
  const manifest = expectStatus(await http.request(path, { headers: { accept: MANIFEST_ACCEPT } }), 'GET', path, 200);
  if (!manifest.body.equals(image.manifest)) throw new Error(`GET ${path}: unexpected manifest`);
  const { config, layers } = JSON.parse(manifest.body.toString('utf8')) as { config: Descriptor; layers: Descriptor[] };
  await pullVerified(http, image.repo, config);
  await Promise.all(layers.map((layer) => pullVerified(http, image.repo, layer)));
  return manifest.body.length + config.size + layers.reduce((sum, layer) => sum + layer.size, 0);
}

export const concurrentPull: Scenario = {
  id: 'concurrent-image-pull',
  unit: 'MiB/s',
  title: (scale) => `${scale.pullClients} clients pull one ${scale.pullLayers}-layer image (${scale.pullLayerBytes / MiB} MiB layers)`,
  async run(ctx) {
    const { pullClients, pullLayers } = ctx.scale;
    const http = ctx.client(pullClients * pullLayers).http;
    let bytes = 0;
    await runPool(pullClients, pullClients, async () => {
      const pulled = await pullImage(http, ctx.fixtures.pull);
      bytes += pulled;
    });
    return bytes / MiB;
  },
};
