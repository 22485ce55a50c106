import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import pino from 'pino';
import { ApiClient } from '../../../core/test/support/api-client';
import { type ProxiedStack, startProxiedStack } from '../../../core/test/support/proxied-stack';
import { ADMIN } from '../../../core/test/support/test-stack';
import { startTestRegistryctl, type TestRegistryctl } from '../../../registryctl/test/support/test-registryctl';
import { skopeo } from '../../../registry/test/support/clients';
import { buildImageLayout, type BuiltImage } from '../../../registry/test/support/oci-layout';
import { createGcHandler, type GcSummary } from '../../src/jobs/gc/gc-handler';
import { RegistryctlClient } from '../../src/jobs/gc/registryctl-client';

// The GC safety test of issue 4: skopeo pushes continuously through the real proxy, core and
// registry while GC runs again and again (registryctl on the registry's storage, the
// GARBAGE_COLLECTION handler called in a loop until jobservice runs it); then every image a
// push reported as done is pulled back with skopeo, which verifies every digest. Half of the
// images pushed are copies of content GC is collecting at that moment (artifacts deleted an
// hour "ago"), the race the blob versioning exists for.

const CREDS = `${ADMIN.username}:${ADMIN.password}`;
const IMAGES = 6;
const ROUNDS = 3;
const WINDOW_HOURS = 10 / 3600; // fresh uploads are protected for 10 s; the aged garbage is not

let stack: ProxiedStack;
let ctl: TestRegistryctl;
let db: Pool;
let work: string;
const images: { layout: string; image: BuiltImage }[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'gc-safety-'));
  stack = await startProxiedStack();
  const created = await new ApiClient(stack.url, ADMIN).post('/api/v2.0/projects', { project_name: 'gcsafe', metadata: { public: 'false' } });
  expect(created.status).toBe(201);
  ctl = await startTestRegistryctl({ root: stack.registry.root });
  db = new Pool({ host: '127.0.0.1', port: 5432, user: 'postgres', database: stack.database.name, max: 6 });
  for (let i = 0; i < IMAGES; i++) {
    const layout = join(work, `image-${i}`);
    const image = await buildImageLayout(layout, {
      tag: 'src',
      files: [{ path: `etc/image-${i}`, content: `image ${i} ${'x'.repeat(2000 + i)}` }],
      extraLayers: [[{ path: 'etc/shared', content: 'a layer every image has' }]],
    });
    images.push({ layout, image });
  }
}, 180_000);

afterAll(async () => {
  await db?.end();
  await ctl?.stop();
  await stack?.stop();
  await rm(work, { recursive: true, force: true });
});

const ref = (tag: string) => `${stack.httpHost}/gcsafe/app:${tag}`;
const push = (i: number, tag: string) =>
  skopeo(['copy', '--dest-tls-verify=false', `--dest-creds=${CREDS}`, `oci:${images[i].layout}:src`, `docker://${ref(tag)}`]);

/** Makes the content of images 0..IMAGES/2-1 garbage an hour old: artifacts deleted through the API, rows and files aged. */
async function seedAgedGarbage(): Promise<void> {
  const api = new ApiClient(stack.url, ADMIN);
  for (let i = 0; i < IMAGES / 2; i++) {
    await push(i, `seed-${i}`);
    const res = await api.delete(`/api/v2.0/projects/gcsafe/repositories/app/artifacts/${images[i].image.manifestDigest}`);
    expect(res.status).toBe(200);
  }
  await db.query(`UPDATE blob SET creation_time = creation_time - interval '1 hour', update_time = update_time - interval '1 hour'`);
  const then = new Date(Date.now() - 3_600_000);
  for (const { image } of images.slice(0, IMAGES / 2)) {
    for (const digest of [image.manifestDigest, ...image.blobDigests]) {
      const [alg, hex] = digest.split(':');
      await utimes(join(stack.registry.root, 'docker/registry/v2/blobs', alg, hex.slice(0, 2), hex, 'data'), then, then).catch(() => undefined);
    }
  }
}

it('never deletes a blob a pushed image needs while GC runs during continuous pushes', async () => {
  await seedAgedGarbage();
  const gc = createGcHandler({ db, registryctl: new RegistryctlClient(ctl.url, ctl.secret), log: pino({ level: 'silent' }), uploadPurgingAgeMs: 3_600_000 });
  let pushing = true;
  const runs: GcSummary[] = [];
  const gcLoop = (async () => {
    while (pushing) {
      const signal = new AbortController().signal;
      const params = { delete_untagged: false, dry_run: false, workers: 3, time_window: WINDOW_HOURS };
      runs.push((await gc({ type: 'GARBAGE_COLLECTION', executionId: runs.length + 1, taskId: 1, attempt: 1, signal, params, log: () => undefined, progress: async () => undefined })) as GcSummary);
    }
  })();
  const pushed = new Map<string, string>();
  const failures: string[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < IMAGES; i++) {
        const tag = `r${round}-${i}`;
        // A failed push is visible to its client and may be retried; only silent loss is a bug.
        await push(i, tag).then(() => pushed.set(tag, images[i].image.manifestDigest), (e: Error) => failures.push(`${tag}: ${e.message.slice(0, 200)}`));
      }
    }
  } finally {
    pushing = false;
    await gcLoop;
  }
  expect(runs.length).toBeGreaterThan(1);
  expect(runs.reduce((n, r) => n + r.deleted_blobs, 0)).toBeGreaterThan(0); // GC did collect while pushes ran
  expect(pushed.size).toBeGreaterThanOrEqual(ROUNDS * IMAGES - failures.length);
  // One more full GC after the pushes, then every pushed image must pull with every digest verified.
  await gc({ type: 'GARBAGE_COLLECTION', executionId: 0, taskId: 1, attempt: 1, signal: new AbortController().signal, params: { delete_untagged: false, dry_run: false, workers: 3, time_window: 0 }, log: () => undefined, progress: async () => undefined });
  for (const [tag, digest] of pushed) {
    const out = join(work, `pulled-${tag}`);
    await skopeo(['copy', '--src-tls-verify=false', `--src-creds=${CREDS}`, `docker://${ref(tag)}`, `oci:${out}:x`]);
    const inspected = await skopeo(['inspect', '--raw', `oci:${out}:x`]);
    expect([tag, JSON.parse(inspected.stdout).layers.length]).toEqual([tag, 2]);
    const remote = await skopeo(['inspect', '--tls-verify=false', `--creds=${CREDS}`, `docker://${ref(tag)}`]);
    expect([tag, JSON.parse(remote.stdout).Digest]).toEqual([tag, digest]);
  }
}, 600_000);
