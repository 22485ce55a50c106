import { digestOf } from '@harbor-ts/oci';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeImage, pushBlob } from '../../../../registry/test/support/http-client';
import { createGcHandler, type GcSummary } from './gc-handler';
import {
  ageEverything, blobIntact, blobStored, chargeBlobs, type GcEnv, jobContext, pushImage, pushIndex, type Recorded, silentLog, startGcEnv,
} from './testing/gc-env';

let env: GcEnv;
beforeEach(async () => {
  env = await startGcEnv();
});
afterEach(() => env.stop());

const handler = (options: { blobBatchSize?: number } = {}) =>
  createGcHandler({ db: env.db, registryctl: env.registryctl, log: silentLog, uploadPurgingAgeMs: 3_600_000, ...options });

async function run(params: Parameters<typeof jobContext>[0], onProgress?: Parameters<typeof jobContext>[1], options = {}) {
  const t = jobContext(params, onProgress);
  const summary = (await handler(options)(t.ctx)) as GcSummary;
  return { summary, ...t };
}

async function expectIntact(repository: string, image: Recorded): Promise<void> {
  for (const digest of image.blobs.slice(1)) expect([digest, await blobIntact(env, repository, digest)]).toEqual([digest, true]);
  expect(await blobStored(env, image.digest)).toBe(true);
}

async function rowCount(sql: string, params: unknown[] = []): Promise<number> {
  return Number((await env.db.query<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) x`, params)).rows[0].n);
}

async function usedStorage(): Promise<number> {
  return Number((await env.db.query<{ used: string }>(`SELECT used_storage AS used FROM quota WHERE reference_id = $1`, [String(env.projectId)])).rows[0].used);
}

/** A tagged image, an image whose artifact was deleted, an upload without a manifest, and a blob only storage knows. */
async function mixedContent() {
  const kept = await pushImage(env, 'lib/app', 'v1', makeImage('kept'));
  const goneImage = makeImage('gone');
  const gone = await pushImage(env, 'lib/app', 'v2', goneImage);
  await env.db.query(`DELETE FROM artifact WHERE id = $1`, [gone.artifactId]);
  await env.db.query(`DELETE FROM project_blob WHERE blob_id IN (SELECT id FROM blob WHERE digest = ANY($1))`, [gone.blobs]);
  const upload = Buffer.from('uploaded, never referenced');
  await pushBlob(env.registry.url, 'lib/app', upload);
  await chargeBlobs(env, [{ digest: digestOf(upload), size: upload.length }]);
  const stray = Buffer.from('in storage only');
  await pushBlob(env.registry.url, 'lib/other', stray);
  const goneBytes = [goneImage.manifest, goneImage.config, ...goneImage.layers].reduce((s, b) => s + b.length, 0);
  return { kept, gone, upload: digestOf(upload), stray: digestOf(stray), freedBytes: goneBytes + upload.length + stray.length };
}

describe('GARBAGE_COLLECTION', () => {
  it('deletes every blob no artifact needs, keeps every one an artifact needs, and frees the quota', async () => {
    const c = await mixedContent();
    await ageEverything(env, 3);
    const quotaBefore = await usedStorage();
    const { summary, lines, progress } = await run({});
    expect(summary).toEqual({ freed_bytes: c.freedBytes, deleted_blobs: 6, deleted_manifests: 0, purged_uploads: 0, dry_run: false });
    for (const digest of [...c.gone.blobs, c.upload, c.stray]) expect([digest, await blobStored(env, digest)]).toEqual([digest, false]);
    await expectIntact('lib/app', c.kept);
    expect(await rowCount(`SELECT 1 FROM blob`)).toBe(c.kept.blobs.length);
    expect(await rowCount(`SELECT 1 FROM blob WHERE status <> 'none'`)).toBe(0);
    expect(await usedStorage()).toBe(quotaBefore - Buffer.from('uploaded, never referenced').length);
    expect(progress.at(-1)).toEqual([6, 6]);
    expect(lines.join('\n')).toMatch(/mark: 5 unreferenced blob rows and 1 storage blobs unknown/);
    expect(lines.at(-1)).toMatch(/GC finished in .* 6 blobs deleted/);
  });

  it('never deletes what was written within the time window', async () => {
    const c = await mixedContent();
    const { summary } = await run({ time_window: 2 });
    expect(summary).toMatchObject({ deleted_blobs: 0, freed_bytes: 0 });
    for (const digest of [...c.gone.blobs, c.upload, c.stray]) expect(await blobStored(env, digest)).toBe(true);
    await ageEverything(env, 1);
    expect((await run({ time_window: 2 })).summary.deleted_blobs).toBe(0);
    expect((await run({ time_window: 0.5 })).summary.deleted_blobs).toBe(6);
    await expectIntact('lib/app', c.kept);
  });

  it('a dry run reports what a run would free and deletes nothing', async () => {
    const c = await mixedContent();
    await ageEverything(env, 3);
    const dry = await run({ dry_run: true });
    expect(dry.summary).toEqual({ freed_bytes: c.freedBytes, deleted_blobs: 6, deleted_manifests: 0, purged_uploads: 0, dry_run: true });
    for (const digest of [...c.gone.blobs, c.upload, c.stray]) expect(await blobStored(env, digest)).toBe(true);
    expect(await rowCount(`SELECT 1 FROM blob WHERE status <> 'none'`)).toBe(0);
    expect(await rowCount(`SELECT 1 FROM blob`)).toBe(c.kept.blobs.length + c.gone.blobs.length + 1);
    expect((await run({})).summary).toMatchObject({ freed_bytes: c.freedBytes, deleted_blobs: 6 });
  });

  it('with delete_untagged deletes untagged artifacts, sparing index children, accessories and recent ones', async () => {
    const tagged = await pushImage(env, 'lib/app', 'v1', makeImage('tagged'));
    const untagged = await pushImage(env, 'lib/app', undefined, makeImage('untagged'));
    const childOfUntagged = await pushImage(env, 'lib/multi', undefined, makeImage('child-a'));
    const untaggedIndex = await pushIndex(env, 'lib/multi', undefined, [childOfUntagged]);
    const childOfTagged = await pushImage(env, 'lib/multi', undefined, makeImage('child-b'));
    const taggedIndex = await pushIndex(env, 'lib/multi', 'latest', [childOfTagged]);
    const signature = await pushImage(env, 'lib/app', undefined, makeImage('signature'));
    await env.db.query(
      `INSERT INTO artifact_accessory (artifact_id, subject_artifact_id, subject_artifact_digest, subject_artifact_repo, type, digest) VALUES ($1, $2, $3, 'lib/app', 'signature.cosign', $4)`,
      [signature.artifactId, tagged.artifactId, tagged.digest, signature.digest],
    );
    await ageEverything(env, 3);
    const recent = await pushImage(env, 'lib/app', undefined, makeImage('recent'));

    const dry = await run({ delete_untagged: true, dry_run: true });
    expect(dry.summary.deleted_manifests).toBe(3);
    expect(await rowCount(`SELECT 1 FROM artifact`)).toBe(8);

    const { summary } = await run({ delete_untagged: true });
    expect(summary.deleted_manifests).toBe(3);
    const left = (await env.db.query<{ digest: string }>(`SELECT digest FROM artifact`)).rows.map((r) => r.digest).sort();
    expect(left).toEqual([tagged, childOfTagged, taggedIndex, signature, recent].map((r) => r.digest).sort());
    for (const gone of [untagged, childOfUntagged, untaggedIndex]) {
      for (const digest of gone.blobs) expect([digest, await blobStored(env, digest)]).toEqual([digest, false]);
    }
    expect(await rowCount(`SELECT 1 FROM artifact_blob WHERE digest_af = ANY($1)`, [[untagged.digest, untaggedIndex.digest]])).toBe(0);
    expect(summary.deleted_blobs).toBe(untagged.blobs.length + childOfUntagged.blobs.length + untaggedIndex.blobs.length);
    await expectIntact('lib/app', tagged);
    await expectIntact('lib/app', signature);
    await expectIntact('lib/app', recent);
    await expectIntact('lib/multi', childOfTagged);
    expect(await blobStored(env, taggedIndex.digest)).toBe(true);
  });

  it('keeps a blob re-referenced between the mark and the sweep (version bump), and one an artifact took meanwhile', async () => {
    const c = await mixedContent();
    await ageEverything(env, 3);
    const adopted = c.gone.blobs[2];
    const onFirstProgress = async (done: number) => {
      if (done !== 0) return;
      // What core's push path does when a push references blobs GC has marked.
      await env.db.query(`UPDATE blob SET version = version + 1, status = 'none' WHERE digest = $1`, [c.upload]);
      const { rows } = await env.db.query<{ id: number }>(`SELECT id FROM artifact WHERE digest = $1`, [c.kept.digest]);
      await env.db.query(`INSERT INTO artifact_blob (digest_af, digest_blob) VALUES ($1, $2)`, [c.kept.digest, adopted]);
      expect(rows).toHaveLength(1);
    };
    const { summary } = await run({ workers: 1 }, onFirstProgress);
    expect(summary.deleted_blobs).toBe(4);
    expect(await blobIntact(env, 'lib/app', c.upload)).toBe(true);
    expect(await blobIntact(env, 'lib/app', adopted)).toBe(true);
    expect((await env.db.query(`SELECT status FROM blob WHERE digest = ANY($1)`, [[c.upload, adopted]])).rows.map((r) => r.status).sort()).toEqual(['delete', 'none']);
    await expectIntact('lib/app', c.kept);
  });

  it('stops between batches when asked, and a later run finishes the work', async () => {
    const c = await mixedContent();
    await ageEverything(env, 3);
    const stopper = new AbortController();
    const t = jobContext({ workers: 1 }, (done) => {
      if (done === 2) stopper.abort(new Error('stopped by the user'));
    });
    stopper.signal.addEventListener('abort', () => t.abort.abort(stopper.signal.reason));
    await expect(createGcHandler({ db: env.db, registryctl: env.registryctl, log: silentLog, uploadPurgingAgeMs: 3_600_000, blobBatchSize: 2 })(t.ctx)).rejects.toThrow('stopped by the user');
    expect(t.lines.at(-1)).toMatch(/GC stopped: 2 blobs deleted/);
    expect(await rowCount(`SELECT 1 FROM blob WHERE status = 'delete'`)).toBe(4);
    const rest = await run({});
    expect(rest.summary.deleted_blobs).toBe(4);
    for (const digest of [...c.gone.blobs, c.upload, c.stray]) expect(await blobStored(env, digest)).toBe(false);
    await expectIntact('lib/app', c.kept);
  });

  it('purges upload sessions older than upload_purging.age', async () => {
    const uploads = join(env.registry.root, 'docker/registry/v2/repositories/lib/app/_uploads');
    for (const [id, ageMs] of [['stale', 2 * 3_600_000], ['live', 0]] as const) {
      await mkdir(join(uploads, id), { recursive: true });
      await writeFile(join(uploads, id, 'startedat'), new Date(Date.now() - ageMs).toISOString());
    }
    expect((await run({ dry_run: true })).summary.purged_uploads).toBe(1);
    expect((await run({})).summary.purged_uploads).toBe(1);
    expect((await run({})).summary.purged_uploads).toBe(0);
  });

  it('refuses bad parameters before doing anything', async () => {
    for (const params of [{ workers: 0 }, { workers: 11 }, { workers: 1.5 }, { time_window: -1 }, { dry_run: 'yes' as unknown as boolean }]) {
      await expect(handler()(jobContext(params).ctx)).rejects.toThrow(/GC parameter/);
    }
  });
});
