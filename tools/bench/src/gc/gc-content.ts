// The GC benchmark's content, written straight into distribution's storage layout and into
// PostgreSQL in bulk (no pushes: setup must take seconds, not the time 10,000 pushes take).
// Every artifact is a manifest over one config shared by all and a layer of its own; a share
// of them has been "deleted" (no revision link, no artifact row), leaving its manifest and
// layer as garbage that both collectors must find.
import { digestOf, OCI_IMAGE_MANIFEST } from '@harbor-ts/oci';
import { layout, runLimited } from '@harbor-ts/storage';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from 'pg';

export interface GcContentPlan {
  readonly artifacts: number;
  /** Repositories the artifacts are spread over. */
  readonly repositories: number;
  /** Fraction of artifacts deleted before GC runs. */
  readonly garbageShare: number;
}

interface Blob {
  digest: string;
  content: Buffer;
}

interface Artifact {
  repository: string;
  tag: string;
  manifest: Blob;
  layer: Blob;
  deleted: boolean;
}

export interface GcContent {
  artifacts: Artifact[];
  config: Blob;
  /** Every blob in storage (manifests, layers, the config). */
  blobCount: number;
  /** The blobs both collectors must delete. */
  garbage: Set<string>;
}

const WRITE_CONCURRENCY = 64;

export function planContent(plan: GcContentPlan): GcContent {
  const config = blob(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', bench: 'gc' })));
  const artifacts: Artifact[] = [];
  const garbage = new Set<string>();
  const deletedEvery = Math.round(1 / plan.garbageShare);
  for (let i = 0; i < plan.artifacts; i++) {
    const layer = blob(Buffer.concat([Buffer.from(`layer ${i} `), randomBytes(48)]));
    const manifest = blob(Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: OCI_IMAGE_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.content.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layer.digest, size: layer.content.length }],
    })));
    const deleted = i % deletedEvery === 0;
    if (deleted) [manifest.digest, layer.digest].forEach((d) => garbage.add(d));
    artifacts.push({ repository: `bench/gc-${i % plan.repositories}`, tag: `t${i}`, manifest, layer, deleted });
  }
  return { artifacts, config, blobCount: plan.artifacts * 2 + 1, garbage };
}

/** Writes the storage tree under `root` as our registry and docker-registry both read it. */
export async function writeStorage(root: string, content: GcContent): Promise<void> {
  const files: [string, Buffer | string][] = [[layout.blobData(content.config.digest), content.config.content]];
  for (const a of content.artifacts) {
    files.push([layout.blobData(a.manifest.digest), a.manifest.content], [layout.blobData(a.layer.digest), a.layer.content]);
    files.push([layout.layerLink(a.repository, a.layer.digest), a.layer.digest], [layout.layerLink(a.repository, content.config.digest), content.config.digest]);
    if (a.deleted) continue;
    files.push([layout.revisionLink(a.repository, a.manifest.digest), a.manifest.digest]);
    files.push([layout.tagCurrentLink(a.repository, a.tag), a.manifest.digest], [layout.tagIndexLink(a.repository, a.tag, a.manifest.digest), a.manifest.digest]);
  }
  await runLimited(files.map(([file, data]) => async () => {
    const full = path.join(root, file);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, data);
  }), WRITE_CONCURRENCY);
}

/**
 * The rows core would hold after those pushes and deletions: one project, its repositories,
 * the remaining artifacts with their tags and artifact_blob rows, and every blob row with its
 * project link (deleted artifacts leave their blob rows for GC, as in Harbor).
 */
export async function writeRows(db: Client, content: GcContent): Promise<void> {
  const project = (await db.query<{ project_id: number }>(`INSERT INTO project (name) VALUES ('bench') RETURNING project_id`)).rows[0].project_id;
  await db.query(`INSERT INTO quota (reference, reference_id) VALUES ('project', $1)`, [String(project)]);
  const repositories = [...new Set(content.artifacts.map((a) => a.repository))];
  await db.query(`INSERT INTO repository (name, project_id) SELECT unnest($1::varchar[]), $2`, [repositories, project]);
  const kept = content.artifacts.filter((a) => !a.deleted);
  await db.query(
    `INSERT INTO artifact (project_id, repository_id, repository_name, digest, type, media_type, manifest_media_type)
     SELECT $1, r.repository_id, a.name, a.digest, 'IMAGE', 'application/vnd.oci.image.config.v1+json', $4
     FROM unnest($2::varchar[], $3::varchar[]) AS a(name, digest) JOIN repository r ON r.name = a.name`,
    [project, kept.map((a) => a.repository), kept.map((a) => a.manifest.digest), OCI_IMAGE_MANIFEST],
  );
  await db.query(
    `INSERT INTO tag (repository_id, artifact_id, name) SELECT a.repository_id, a.id, t.tag
     FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS t(name, digest, tag) JOIN artifact a ON a.repository_name = t.name AND a.digest = t.digest`,
    [kept.map((a) => a.repository), kept.map((a) => a.manifest.digest), kept.map((a) => a.tag)],
  );
  const links = kept.flatMap((a) => [[a.manifest.digest, a.manifest.digest], [a.manifest.digest, content.config.digest], [a.manifest.digest, a.layer.digest]]);
  await db.query(`INSERT INTO artifact_blob (digest_af, digest_blob) SELECT * FROM unnest($1::varchar[], $2::varchar[])`, [links.map((l) => l[0]), links.map((l) => l[1])]);
  const blobs = [content.config, ...content.artifacts.flatMap((a) => [a.manifest, a.layer])];
  await db.query(`INSERT INTO blob (digest, size) SELECT * FROM unnest($1::varchar[], $2::bigint[])`, [blobs.map((b) => b.digest), blobs.map((b) => b.content.length)]);
  await db.query(`INSERT INTO project_blob (project_id, blob_id) SELECT $1, id FROM blob`, [project]);
  // Pushed a while ago: everything is older than any time window the run uses.
  await db.query(`UPDATE blob SET creation_time = now() - interval '1 day', update_time = now() - interval '1 day'`);
  await db.query(`UPDATE artifact SET push_time = now() - interval '1 day'`);
  await db.query('VACUUM ANALYZE');
}

function blob(content: Buffer): Blob {
  return { digest: digestOf(content), content };
}
