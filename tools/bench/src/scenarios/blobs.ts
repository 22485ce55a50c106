// Large blob transfers: monolithic push, chunked push, and a pull verified by hashing the stream.
import { BIG_REPO } from '../fixtures';
import { expectStatus } from '../http';
import { blobStream } from '../prng';
import { MiB, Scale } from '../scale';
import { Scenario, ScenarioContext } from './scenario';

const size = (scale: Scale): string => `${scale.bigBlobBytes / MiB} MiB`;

export const pushMonolithic: Scenario = {
  id: 'blob-push-monolithic',
  unit: 'MiB/s',
  access: 'push',
  title: (scale) => `blob push ${size(scale)}, monolithic (POST + PUT)`,
  async run(ctx) {
    const { spec, digest } = ctx.fixtures.big.monolithic;
    await ctx.client(1).pushBlob(BIG_REPO, digest, spec.size, blobStream(spec));
    return spec.size / MiB;
  },
};

export const pushChunked: Scenario = {
  id: 'blob-push-chunked',
  unit: 'MiB/s',
  access: 'push',
  title: (scale) => `blob push ${size(scale)}, chunked (PATCH ${scale.chunkBytes / MiB} MiB)`,
  async run(ctx) {
    const { spec, digest } = ctx.fixtures.big.chunked;
    await ctx.client(1).pushChunked(BIG_REPO, spec, digest, ctx.scale.chunkBytes);
    return spec.size / MiB;
  },
};

/** The pull reads the monolithic push's blob; push it first if that scenario did not run. */
async function ensurePulledBlob(ctx: ScenarioContext): Promise<void> {
  const { spec, digest } = ctx.fixtures.big.monolithic;
  const api = ctx.client(1);
  const head = await api.headBlob(BIG_REPO, digest);
  if (head.status !== 200) await api.pushBlob(BIG_REPO, digest, spec.size, blobStream(spec));
}

export const pullBlob: Scenario = {
  id: 'blob-pull',
  unit: 'MiB/s',
  title: (scale) => `blob pull ${size(scale)}, digest verified`,
  prepare: ensurePulledBlob,
  async run(ctx) {
    const { spec, digest } = ctx.fixtures.big.monolithic;
    const path = `/v2/${BIG_REPO}/blobs/${digest}`;
    const reply = expectStatus(await ctx.client(1).http.getHashed(path), 'GET', path, 200);
    if (reply.digest !== digest || reply.bytes !== spec.size) {
      throw new Error(`pulled ${reply.bytes} bytes with digest ${reply.digest}, expected ${spec.size} bytes ${digest}`);
    }
    return spec.size / MiB;
  },
};
