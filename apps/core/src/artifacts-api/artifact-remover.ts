import { Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ProjectRef } from '../auth/project-directory';
import { type AuditEntry, AuditLogWriter } from '../audit/audit-log.writer';
import { HarborError } from '../common/harbor-error';
import { ImmutableTagGuard } from '../immutable/immutable-tag.guard';
import { RegistryClient } from '../registry/registry-client';
import { WebhookEvents } from '../webhooks/webhook-events';

/**
 * Deletion of artifacts, shared by DELETE artifact and DELETE repository: the manifests leave
 * the registry first (404 = already gone), then in one transaction the rows go, the project
 * drops its links to blobs no remaining artifact of it holds, and its quota usage shrinks by
 * those blobs' sizes (Harbor's CleanupAssociationsForProject). Blob bytes stay for GC.
 */
@Injectable()
export class ArtifactRemover {
  constructor(
    private readonly db: DataSource,
    private readonly registry: RegistryClient,
    private readonly audit: AuditLogWriter,
    private readonly immutable: ImmutableTagGuard,
    @Optional() private readonly webhooks?: WebhookEvents,
  ) {}

  /** Refused (412, nothing changed) when an artifact holds a tag an immutable rule protects. */
  async remove(project: ProjectRef, repositoryName: string, digests: readonly string[], deleteRows: (tx: EntityManager) => Promise<void>, entry: AuditEntry): Promise<void> {
    await this.immutable.refuseArtifactsDelete(project, repositoryName, digests);
    const announce = await this.webhooks?.prepareDelete({ projectId: project.id, repository: repositoryName, digests, operator: entry.username });
    for (const digest of new Set(digests)) await this.deleteManifest(repositoryName, digest);
    await this.db.transaction(async (tx) => {
      await deleteRows(tx);
      await releaseStorage(tx, project.id, [...digests]);
      await this.audit.write(entry, tx);
    });
    announce?.();
  }

  private async deleteManifest(repositoryName: string, digest: string): Promise<void> {
    const res = await this.registry.deleteManifest(repositoryName, digest);
    if (res.status === 404 || (res.status >= 200 && res.status < 300)) return;
    throw new HarborError('UNKNOWN', `failed to delete the manifest ${repositoryName}@${digest} from the registry: ${res.status}`);
  }
}

/**
 * Unlinks from the project the blobs of the deleted artifacts that no artifact still in the
 * project holds, and subtracts their sizes from the project's used storage. The quota row is
 * locked first, as the /v2 charge path does, so concurrent pushes and deletes add up.
 */
export async function releaseStorage(tx: EntityManager, projectId: number, digests: string[]): Promise<number> {
  if (digests.length === 0) return 0;
  await tx.query(`SELECT 1 FROM quota WHERE reference = 'project' AND reference_id = $1 FOR UPDATE`, [String(projectId)]);
  const rows: { bytes: string }[] = await tx.query(
    `WITH gone AS (
       SELECT b.id, b.size FROM blob b JOIN project_blob pb ON pb.blob_id = b.id AND pb.project_id = $1
       WHERE b.digest IN (SELECT ab.digest_blob FROM artifact_blob ab WHERE ab.digest_af = ANY($2::varchar[]))
         AND NOT EXISTS (SELECT 1 FROM artifact_blob ab JOIN artifact a ON a.digest = ab.digest_af AND a.project_id = $1
                         WHERE ab.digest_blob = b.digest)
     ), unlinked AS (
       DELETE FROM project_blob pb USING gone WHERE pb.project_id = $1 AND pb.blob_id = gone.id RETURNING gone.size
     )
     SELECT COALESCE(sum(size), 0)::bigint AS bytes FROM unlinked`,
    [projectId, digests],
  );
  const bytes = Number(rows[0].bytes);
  if (bytes > 0) {
    await tx.query(
      `UPDATE quota SET used_storage = GREATEST(used_storage - $2, 0), update_time = now() WHERE reference = 'project' AND reference_id = $1`,
      [String(projectId), bytes],
    );
  }
  return bytes;
}
