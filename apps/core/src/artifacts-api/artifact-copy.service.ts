import { Injectable } from '@nestjs/common';
import { MANIFEST_MEDIA_TYPES, OciError, parseManifest, requiredBlobs } from '@harbor-ts/oci';
import { DataSource } from 'typeorm';
import { ArtifactRecorder } from '../artifacts/artifact-recorder';
import { AuditLogWriter } from '../audit/audit-log.writer';
import type { ProjectRef } from '../auth/project-directory';
import type { SecurityContext } from '../auth/security-context';
import { HarborError } from '../common/harbor-error';
import { RegistryClient } from '../registry/registry-client';
import { type BlobSize, StorageLedger } from '../v2/storage-ledger';
import type { ArtifactRow } from './artifact.rows';
import { ArtifactsRepository } from './artifacts.repository';

const ACCEPT = MANIFEST_MEDIA_TYPES.join(', ');

interface CopyJob {
  ctx: SecurityContext;
  target: ProjectRef;
  sourceRepo: string;
  targetRepo: string;
}

/**
 * Harbor's copyDeeply through the registry: an index's children first, an image's blobs
 * mounted from the source, then the manifest put by digest and recorded with the blobs charged
 * to the target project; the root's tags and its accessories follow it.
 */
@Injectable()
export class ArtifactCopyService {
  constructor(
    private readonly db: DataSource,
    private readonly registry: RegistryClient,
    private readonly recorder: ArtifactRecorder,
    private readonly ledger: StorageLedger,
    private readonly artifacts: ArtifactsRepository,
    private readonly audit: AuditLogWriter,
  ) {}

  async copy(job: CopyJob, source: ArtifactRow): Promise<void> {
    const id = await this.copyManifest(job, source.digest, true);
    const tags = await this.artifacts.tagsOf([source.id]);
    await this.tag(id, tags.map((t) => t.name));
    for (const acc of await this.artifacts.accessoriesOf([source.id])) await this.copyManifest(job, acc.digest, false);
    await this.audit.write({
      projectId: job.target.id, operation: 'create', resourceType: 'artifact', resource: `${job.targetRepo}@${source.digest}`,
      description: `create artifact: ${job.targetRepo}@${source.digest}`, username: job.ctx.name,
    });
  }

  /** Returns the target artifact id; a child already in the target is left as it is. */
  private async copyManifest(job: CopyJob, digest: string, isRoot: boolean): Promise<number> {
    const existing = await this.artifacts.byDigest(job.targetRepo, digest);
    if (existing && !isRoot) return existing.id;
    const res = await this.registry.getManifest(job.sourceRepo, digest, ACCEPT);
    if (res.status !== 200) throw registryFailure('fetch', job.sourceRepo, digest, res.status);
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0].trim();
    const m = parseManifest(res.body, mediaType, Number.MAX_SAFE_INTEGER);
    for (const child of m.manifests) await this.copyManifest(job, child.digest, false);
    const blobs: BlobSize[] = requiredBlobs(m).map((d) => ({ digest: d.digest, size: d.size, contentType: d.mediaType }));
    for (const blob of blobs) await this.mount(job, blob.digest);
    blobs.push({ digest, size: res.body.length, contentType: m.mediaType });
    await this.checkQuota(job.target.id, blobs);
    const put = await this.registry.putManifest(job.targetRepo, digest, m.mediaType, res.body);
    if (put.status !== 201 && put.status !== 200) throw registryFailure('push', job.targetRepo, digest, put.status);
    return this.db.transaction(async (tx) => {
      const { artifactId } = await this.recorder.record(tx, {
        project: job.target, repositoryName: job.targetRepo, digest, manifest: res.body, mediaType: m.mediaType, username: job.ctx.name,
      });
      await this.ledger.charge(tx, job.target.id, blobs);
      return artifactId;
    });
  }

  private async mount(job: CopyJob, digest: string): Promise<void> {
    const res = await this.registry.mountBlob(job.targetRepo, digest, job.sourceRepo);
    if (res.status !== 201) throw registryFailure('mount', job.sourceRepo, digest, res.status);
  }

  /** Harbor's copy quota check: 403 DENIED with the quota message. */
  private async checkQuota(projectId: number, blobs: BlobSize[]): Promise<void> {
    try {
      await this.ledger.checkRoom(projectId, async () => blobs);
    } catch (err) {
      if (err instanceof OciError) throw new HarborError('DENIED', err.message);
      throw err;
    }
  }

  /** The source root's tags, created or moved onto the copy (Harbor's Ensure with tags). */
  private async tag(artifactId: number, names: string[]): Promise<void> {
    if (names.length === 0) return;
    await this.db.query(
      `INSERT INTO tag (repository_id, artifact_id, name) SELECT a.repository_id, a.id, unnest($2::varchar[]) FROM artifact a WHERE a.id = $1
       ON CONFLICT (repository_id, name) DO UPDATE SET artifact_id = EXCLUDED.artifact_id, push_time = now()`,
      [artifactId, names],
    );
  }
}

function registryFailure(what: string, repo: string, digest: string, status: number): HarborError {
  if (status === 404) return HarborError.notFound(`artifact ${repo}@${digest} not found in the registry`);
  return new HarborError('UNKNOWN', `failed to ${what} ${repo}@${digest}: registry answered ${status}`);
}
