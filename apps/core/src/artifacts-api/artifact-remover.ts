import { releaseProjectStorage } from '@harbor-ts/jobs';
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

/** Core's transactions through the shared release (libs/jobs releaseProjectStorage). */
export function releaseStorage(tx: EntityManager, projectId: number, digests: string[]): Promise<number> {
  return releaseProjectStorage({ query: (sql, params) => tx.query(sql, params ? [...params] : undefined) }, projectId, digests);
}
