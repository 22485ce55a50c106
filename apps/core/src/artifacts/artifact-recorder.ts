import { Injectable } from '@nestjs/common';
import { parseManifest, type ParsedManifest, requiredBlobs } from '@harbor-ts/oci';
import type { EntityManager } from 'typeorm';
import type { ProjectRef } from '../auth/project-directory';
import { accessoryTypeOf, artifactTypeOf, configMediaTypeOf } from './artifact-type';

export interface RecordInput {
  project: ProjectRef;
  repositoryName: string;
  digest: string;
  manifest: Buffer;
  mediaType: string;
  tag?: string;
  username: string;
}

/**
 * Records a pushed manifest as Harbor's artifact rows, in the caller's transaction: the
 * repository, the artifact, the blobs it holds (for GC), an index's children, a subject's
 * accessory link, and the tag. Re-pushing the same digest refreshes push_time.
 */
@Injectable()
export class ArtifactRecorder {
  async record(tx: EntityManager, input: RecordInput): Promise<{ artifactId: number; repositoryId: number }> {
    const m = parseManifest(input.manifest, input.mediaType, Number.MAX_SAFE_INTEGER);
    const repositoryId = await this.upsertRepository(tx, input);
    const artifactId = await this.upsertArtifact(tx, input, m, repositoryId);
    await this.linkBlobs(tx, input.digest, m);
    if (m.kind === 'index') await this.linkChildren(tx, artifactId, repositoryId, m);
    if (m.subject) await this.linkSubject(tx, artifactId, repositoryId, input, m);
    if (input.tag) await this.tag(tx, repositoryId, artifactId, input.tag);
    return { artifactId, repositoryId };
  }

  private async upsertRepository(tx: EntityManager, input: RecordInput): Promise<number> {
    const rows: { repository_id: number }[] = await tx.query(
      `INSERT INTO repository (name, project_id) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET update_time = now() RETURNING repository_id`,
      [input.repositoryName, input.project.id],
    );
    return rows[0].repository_id;
  }

  private async upsertArtifact(tx: EntityManager, input: RecordInput, m: ParsedManifest, repositoryId: number): Promise<number> {
    const size = input.manifest.length + requiredBlobs(m).reduce((sum, d) => sum + d.size, 0);
    const rows: { id: number }[] = await tx.query(
      `INSERT INTO artifact (project_id, repository_id, repository_name, digest, type, media_type, manifest_media_type, artifact_type, size, annotations)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (repository_id, digest) DO UPDATE SET push_time = now() RETURNING id`,
      [input.project.id, repositoryId, input.repositoryName, input.digest, artifactTypeOf(m), configMediaTypeOf(m), m.mediaType,
        m.artifactType ?? '', size, m.annotations ? JSON.stringify(m.annotations) : null],
    );
    return rows[0].id;
  }

  private async linkBlobs(tx: EntityManager, digest: string, m: ParsedManifest): Promise<void> {
    const blobs = [digest, ...requiredBlobs(m).map((d) => d.digest)];
    await tx.query(
      `INSERT INTO artifact_blob (digest_af, digest_blob) SELECT $1, unnest($2::varchar[]) ON CONFLICT DO NOTHING`,
      [digest, blobs],
    );
  }

  private async linkChildren(tx: EntityManager, parentId: number, repositoryId: number, m: ParsedManifest): Promise<void> {
    for (const child of m.manifests) {
      await tx.query(
        `INSERT INTO artifact_reference (parent_id, child_id, child_digest, platform, annotations)
         SELECT $1, a.id, a.digest, $4, $5 FROM artifact a WHERE a.repository_id = $2 AND a.digest = $3
         ON CONFLICT (parent_id, child_digest) DO NOTHING`,
        [parentId, repositoryId, child.digest, child.platform ? JSON.stringify(child.platform) : null,
          child.annotations ? JSON.stringify(child.annotations) : null],
      );
    }
  }

  private async linkSubject(tx: EntityManager, artifactId: number, repositoryId: number, input: RecordInput, m: ParsedManifest): Promise<void> {
    const size = input.manifest.length + requiredBlobs(m).reduce((sum, d) => sum + d.size, 0);
    await tx.query(
      `INSERT INTO artifact_accessory (artifact_id, subject_artifact_id, subject_artifact_digest, subject_artifact_repo, type, size, digest)
       SELECT $1, a.id, a.digest, $4, $5, $6, $7 FROM artifact a WHERE a.repository_id = $2 AND a.digest = $3
       ON CONFLICT (artifact_id, subject_artifact_id) DO NOTHING`,
      [artifactId, repositoryId, m.subject?.digest, input.repositoryName, accessoryTypeOf(m, input.tag), size, input.digest],
    );
  }

  /** Points the tag at the artifact, moving it if it pointed elsewhere. */
  private async tag(tx: EntityManager, repositoryId: number, artifactId: number, name: string): Promise<void> {
    await tx.query(
      `INSERT INTO tag (repository_id, artifact_id, name) VALUES ($1, $2, $3)
       ON CONFLICT (repository_id, name) DO UPDATE SET artifact_id = EXCLUDED.artifact_id, push_time = now()`,
      [repositoryId, artifactId, name],
    );
  }
}
