import type { JobContext } from '@harbor-ts/jobs';
import { digestOf, OCI_IMAGE_INDEX } from '@harbor-ts/oci';
import { stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from 'pg';
import pino from 'pino';
import { createDataSource, runMigrations } from '../../../../../core/src/db/data-source';
import { createTestDatabase, type TestDatabase } from '../../../../../core/test/support/test-database';
import { startTestRegistryctl, type TestRegistryctl } from '../../../../../registryctl/test/support/test-registryctl';
import { call, pushBlob, type TestImage } from '../../../../../registry/test/support/http-client';
import { startTestRegistry, type TestRegistry } from '../../../../../registry/test/support/test-registry';
import type { GcParams } from '../gc-params';
import { RegistryctlClient } from '../registryctl-client';

// A real PostgreSQL database with core's migrations, the real registry and registryctl on one
// storage root, and helpers that record pushes the way core's push path does.

export interface GcEnv {
  db: Pool;
  registry: TestRegistry;
  ctl: TestRegistryctl;
  registryctl: RegistryctlClient;
  projectId: number;
  stop(): Promise<void>;
}

export async function startGcEnv(): Promise<GcEnv> {
  const database: TestDatabase = await createTestDatabase();
  const config = { host: '127.0.0.1', port: 5432, database: database.name, user: 'postgres', password: '', ssl: false, poolMax: 10, idleTimeoutMs: 10_000 };
  const ds = createDataSource(config);
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
  const db = new Pool({ host: config.host, port: config.port, user: config.user, database: config.database, max: 12 });
  const registry = await startTestRegistry();
  const ctl = await startTestRegistryctl({ root: registry.root });
  const { rows } = await db.query<{ project_id: number }>(`INSERT INTO project (name) VALUES ('lib') RETURNING project_id`);
  await db.query(`INSERT INTO quota (reference, reference_id, hard_storage) VALUES ('project', $1, -1)`, [String(rows[0].project_id)]);
  return {
    db, registry, ctl, registryctl: new RegistryctlClient(ctl.url, ctl.secret), projectId: rows[0].project_id,
    async stop() {
      await ctl.stop();
      await registry.stop();
      await db.end();
      await database.drop();
    },
  };
}

export interface Recorded {
  artifactId: number;
  digest: string;
  /** Every digest the artifact needs: its manifest, config and layers. */
  blobs: string[];
}

/** Blob rows and project links with quota, as core charges a blob commit. */
export async function chargeBlobs(env: GcEnv, blobs: readonly { digest: string; size: number }[]): Promise<void> {
  await env.db.query(
    `INSERT INTO blob (digest, size) SELECT * FROM unnest($1::varchar[], $2::bigint[]) ON CONFLICT (digest) DO UPDATE SET update_time = now(), version = blob.version + 1, status = 'none'`,
    [blobs.map((b) => b.digest), blobs.map((b) => b.size)],
  );
  const { rows } = await env.db.query<{ size: string }>(
    `INSERT INTO project_blob (project_id, blob_id) SELECT $1, id FROM blob WHERE digest = ANY($2) ON CONFLICT DO NOTHING RETURNING (SELECT size FROM blob WHERE id = blob_id) AS size`,
    [env.projectId, blobs.map((b) => b.digest)],
  );
  const bytes = rows.reduce((sum, r) => sum + Number(r.size), 0);
  await env.db.query(`UPDATE quota SET used_storage = used_storage + $2 WHERE reference = 'project' AND reference_id = $1`, [String(env.projectId), bytes]);
}

/** Pushes an image to the registry and records it as core does (artifact, blobs, links, tag). */
export async function pushImage(env: GcEnv, repository: string, tag: string | undefined, image: TestImage): Promise<Recorded> {
  for (const blob of [image.config, ...image.layers]) await pushBlob(env.registry.url, repository, blob);
  const put = await call(`${env.registry.url}/v2/${repository}/manifests/${tag ?? image.digest}`, {
    method: 'PUT', body: image.manifest, headers: { 'content-type': JSON.parse(image.manifest.toString()).mediaType },
  });
  if (put.status !== 201) throw new Error(`manifest push failed: ${put.status} ${put.body.toString()}`);
  const blobs = [image.manifest, image.config, ...image.layers].map((b) => ({ digest: digestOf(b), size: b.length }));
  await chargeBlobs(env, blobs);
  const artifactId = await recordArtifact(env, repository, image.digest, blobs.map((b) => b.digest), 'IMAGE', tag);
  return { artifactId, digest: image.digest, blobs: blobs.map((b) => b.digest) };
}

/** Pushes an index over already pushed children and records it with its artifact_reference rows. */
export async function pushIndex(env: GcEnv, repository: string, tag: string | undefined, children: readonly Recorded[]): Promise<Recorded> {
  const manifests = await Promise.all(children.map(async (c) => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: c.digest, size: (await call(`${env.registry.url}/v2/${repository}/manifests/${c.digest}`)).body.length })));
  const body = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_IMAGE_INDEX, manifests }));
  const digest = digestOf(body);
  const put = await call(`${env.registry.url}/v2/${repository}/manifests/${tag ?? digest}`, { method: 'PUT', body, headers: { 'content-type': OCI_IMAGE_INDEX } });
  if (put.status !== 201) throw new Error(`index push failed: ${put.status} ${put.body.toString()}`);
  await chargeBlobs(env, [{ digest, size: body.length }]);
  const artifactId = await recordArtifact(env, repository, digest, [digest], 'IMAGE', tag);
  for (const c of children) {
    await env.db.query(`INSERT INTO artifact_reference (parent_id, child_id, child_digest) VALUES ($1, $2, $3)`, [artifactId, c.artifactId, c.digest]);
  }
  return { artifactId, digest, blobs: [digest] };
}

async function recordArtifact(env: GcEnv, repository: string, digest: string, blobs: readonly string[], type: string, tag?: string): Promise<number> {
  const { rows: repo } = await env.db.query<{ repository_id: number }>(
    `INSERT INTO repository (name, project_id) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET update_time = now() RETURNING repository_id`,
    [repository, env.projectId],
  );
  const { rows: art } = await env.db.query<{ id: number }>(
    `INSERT INTO artifact (project_id, repository_id, repository_name, digest, type, media_type, manifest_media_type)
     VALUES ($1, $2, $3, $4, $5, 'application/vnd.oci.image.config.v1+json', 'application/vnd.oci.image.manifest.v1+json') RETURNING id`,
    [env.projectId, repo[0].repository_id, repository, digest, type],
  );
  await env.db.query(`INSERT INTO artifact_blob (digest_af, digest_blob) SELECT $1, unnest($2::varchar[]) ON CONFLICT DO NOTHING`, [digest, blobs]);
  if (tag) await env.db.query(`INSERT INTO tag (repository_id, artifact_id, name) VALUES ($1, $2, $3)`, [repo[0].repository_id, art[0].id, tag]);
  return art[0].id;
}

/** Moves everything written so far `hours` into the past: rows' times and the blobs' mtimes. */
export async function ageEverything(env: GcEnv, hours: number): Promise<void> {
  const shift = `interval '${hours} hours'`;
  await env.db.query(`UPDATE blob SET creation_time = creation_time - ${shift}, update_time = update_time - ${shift}`);
  await env.db.query(`UPDATE artifact SET push_time = push_time - ${shift}`);
  const then = new Date(Date.now() - hours * 3_600_000);
  const listed = await call(`${env.ctl.url}/api/registry/blobs`, { headers: { authorization: `Harbor-Secret ${env.ctl.secret}` } });
  for (const line of listed.body.toString().split('\n').filter(Boolean)) {
    const { digest } = JSON.parse(line) as { digest: string };
    await utimes(blobDataFile(env, digest), then, then);
  }
}

/** True when the registry serves the blob and its bytes hash to its digest. */
export async function blobIntact(env: GcEnv, repository: string, digest: string): Promise<boolean> {
  const res = await call(`${env.registry.url}/v2/${repository}/blobs/${digest}`);
  return res.status === 200 && digestOf(res.body) === digest;
}

/** True when the blob's data file is in storage (whichever repository links it). */
export async function blobStored(env: GcEnv, digest: string): Promise<boolean> {
  return stat(blobDataFile(env, digest)).then(() => true, () => false);
}

function blobDataFile(env: GcEnv, digest: string): string {
  const [alg, hex] = digest.split(':');
  return join(env.registry.root, 'docker/registry/v2/blobs', alg, hex.slice(0, 2), hex, 'data');
}

export interface TestContext {
  ctx: JobContext<GcParams>;
  lines: string[];
  progress: [number, number | undefined][];
  abort: AbortController;
}

export function jobContext(params: Partial<GcParams>, onProgress?: (done: number, total?: number) => Promise<void> | void): TestContext {
  const lines: string[] = [];
  const progress: [number, number | undefined][] = [];
  const abort = new AbortController();
  const ctx: JobContext<GcParams> = {
    type: 'GARBAGE_COLLECTION', executionId: 1, taskId: 1, attempt: 1, signal: abort.signal,
    params: { delete_untagged: false, dry_run: false, workers: 2, time_window: 2, ...params },
    log: (line) => void lines.push(line),
    progress: async (done, total) => {
      progress.push([done, total]);
      await onProgress?.(done, total);
    },
  };
  return { ctx, lines, progress, abort };
}

export const silentLog = pino({ level: 'silent' });
