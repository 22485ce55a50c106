import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { basicAuth } from '../support/api-client';
import { ADMIN } from '../support/test-stack';

// Artifact rows made with SQL (what a /v2 push records), and a minimal push through /v2.

export const sha = (data: Buffer | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;
export const randomDigest = () => sha(randomBytes(16));
export const enc = (repo: string) => encodeURIComponent(encodeURIComponent(repo));

export async function seedRepository(db: DataSource, projectId: number, name: string): Promise<number> {
  const [{ repository_id }] = await db.query(`INSERT INTO repository (name, project_id) VALUES ($1, $2) RETURNING repository_id`, [name, projectId]);
  return repository_id;
}

export interface SeedArtifact {
  digest?: string;
  tags?: string[];
  mediaType?: string;
  pushTime?: string;
  size?: number;
}

export async function seedArtifact(db: DataSource, repo: { id: number; name: string; projectId: number }, opts: SeedArtifact = {}): Promise<{ id: number; digest: string }> {
  const digest = opts.digest ?? randomDigest();
  const [{ id }] = await db.query(
    `INSERT INTO artifact (project_id, repository_id, repository_name, digest, type, media_type, manifest_media_type, size, push_time)
     VALUES ($1, $2, $3, $4, 'IMAGE', 'application/vnd.oci.image.config.v1+json', $5, $6, COALESCE($7::timestamptz, now())) RETURNING id`,
    [repo.projectId, repo.id, repo.name, digest, opts.mediaType ?? 'application/vnd.oci.image.manifest.v1+json', opts.size ?? 100, opts.pushTime ?? null],
  );
  for (const tag of opts.tags ?? []) await db.query(`INSERT INTO tag (repository_id, artifact_id, name) VALUES ($1, $2, $3)`, [repo.id, id, tag]);
  return { id, digest };
}

export async function seedReference(db: DataSource, parent: { id: number }, child: { id: number; digest: string }): Promise<void> {
  await db.query(`INSERT INTO artifact_reference (parent_id, child_id, child_digest, platform) VALUES ($1, $2, $3, $4)`,
    [parent.id, child.id, child.digest, JSON.stringify({ architecture: 'amd64', os: 'linux' })]);
}

export async function seedAccessory(db: DataSource, repoName: string, acc: { id: number; digest: string }, subject: { id: number; digest: string }): Promise<void> {
  await db.query(
    `INSERT INTO artifact_accessory (artifact_id, subject_artifact_id, subject_artifact_digest, subject_artifact_repo, type, size, digest)
     VALUES ($1, $2, $3, $4, 'signature.cosign', 10, $5)`,
    [acc.id, subject.id, subject.digest, repoName, acc.digest],
  );
}

/** Links blobs to the artifact digest and the project, and sets the project's usage to their sum. */
export async function seedBlobs(db: DataSource, projectId: number, artifactDigest: string, blobs: { digest: string; size: number }[]): Promise<void> {
  for (const b of blobs) {
    await db.query(`INSERT INTO blob (digest, size) VALUES ($1, $2) ON CONFLICT (digest) DO NOTHING`, [b.digest, b.size]);
    await db.query(`INSERT INTO artifact_blob (digest_af, digest_blob) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [artifactDigest, b.digest]);
    await db.query(`INSERT INTO project_blob (project_id, blob_id) SELECT $1, id FROM blob WHERE digest = $2 ON CONFLICT DO NOTHING`, [projectId, b.digest]);
  }
  await db.query(
    `UPDATE quota SET used_storage = (SELECT COALESCE(sum(b.size), 0) FROM project_blob pb JOIN blob b ON b.id = pb.blob_id WHERE pb.project_id = $1)
     WHERE reference = 'project' AND reference_id = $2`,
    [projectId, String(projectId)],
  );
}

/** Pushes a one-layer OCI image with a monolithic blob upload per blob and a manifest PUT. */
export async function pushImage(baseUrl: string, repo: string, tag: string, content = randomBytes(64)): Promise<{ digest: string; size: number }> {
  const auth = { authorization: basicAuth(ADMIN) };
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha(content)] } }));
  for (const blob of [content, config]) {
    const res = await fetch(`${baseUrl}/v2/${repo}/blobs/uploads/?digest=${sha(blob)}`, {
      method: 'POST', headers: { ...auth, 'content-type': 'application/octet-stream', 'content-length': String(blob.length) }, body: blob,
    });
    if (res.status !== 201) throw new Error(`blob upload failed: ${res.status} ${await res.text()}`);
  }
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(config), size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha(content), size: content.length }],
  }));
  const put = await fetch(`${baseUrl}/v2/${repo}/manifests/${tag}`, {
    method: 'PUT', headers: { ...auth, 'content-type': 'application/vnd.oci.image.manifest.v1+json' }, body: manifest,
  });
  if (put.status !== 201) throw new Error(`manifest put failed: ${put.status} ${await put.text()}`);
  return { digest: sha(manifest), size: manifest.length + config.length + content.length };
}
