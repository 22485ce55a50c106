import { Inject, Injectable, Optional } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import { isDigest, OciError, type ParsedManifest, parseManifest, requiredBlobs } from '@harbor-ts/oci';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { releaseStorage } from '../artifacts-api/artifact-remover';
import { ArtifactRecorder } from '../artifacts/artifact-recorder';
import { AuditLogWriter } from '../audit/audit-log.writer';
import type { ProjectRef } from '../auth/project-directory';
import { RegistryClient } from '../registry/registry-client';
import { CORE_CONFIG } from '../tokens';
import { WebhookEvents } from '../webhooks/webhook-events';
import { openUpstream, readUpstreamBody, relayResponse } from './forward';
import { ImmutabilityPolicy } from './immutability';
import { PullRecorder } from './pull-recorder';
import { type BlobSize, StorageLedger } from './storage-ledger';

export interface ManifestRequest {
  req: Request;
  res: Response;
  project: ProjectRef;
  name: string;
  reference: string;
  username: string;
}

/**
 * Manifest reads resolve tags through the database (tags are rows, as in Harbor) and count
 * pulls; pushes pass the immutability and quota checks, then are recorded as artifacts in the
 * same request; deletes remove the rows after the registry has deleted the manifest.
 */
@Injectable()
export class ManifestsHandler {
  constructor(
    private readonly db: DataSource,
    private readonly registry: RegistryClient,
    private readonly recorder: ArtifactRecorder,
    private readonly ledger: StorageLedger,
    private readonly immutability: ImmutabilityPolicy,
    private readonly audit: AuditLogWriter,
    private readonly pulls: PullRecorder,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    @Optional() private readonly webhooks?: WebhookEvents,
  ) {}

  async read(m: ManifestRequest): Promise<void> {
    const digest = isDigest(m.reference) ? m.reference : await this.tagDigest(m.name, m.reference);
    if (!digest) throw OciError.of('MANIFEST_UNKNOWN', { name: m.name, reference: m.reference });
    const path = `/v2/${m.name}/manifests/${digest}`;
    const upstream = await openUpstream(m.req, this.target(m.name), undefined, path);
    const ok = upstream.statusCode === 200;
    await relayResponse(upstream, m.res);
    if (ok && m.req.method === 'GET') {
      const tag = isDigest(m.reference) ? undefined : m.reference;
      this.pulls.record({ projectId: m.project.id, repository: m.name, digest, ...(tag ? { tag } : {}), username: m.username, at: new Date() });
    }
  }

  async write(m: ManifestRequest): Promise<void> {
    const body = await readLimited(m.req, this.config.maxManifestBytes);
    const parsed = tryParse(body, m.req.headers['content-type']);
    const tag = isDigest(m.reference) ? undefined : m.reference;
    // The rule lookup is in memory; only a matching rule costs the query for an existing tag.
    if (tag && this.immutability.isImmutable(m.project, m.name, tag) && (await this.tagDigest(m.name, tag))) {
      const relative = m.name.slice(m.project.name.length + 1);
      throw OciError.of('PRECONDITION', undefined, `Failed to process request due to '${relative}:${tag}' configured as immutable.`);
    }
    const blobs = parsed ? blobsOf(body, parsed) : [];
    await this.ledger.checkRoom(m.project.id, async () => blobs).catch((err: unknown) => {
      this.webhooks?.quotaRefused(err, { projectId: m.project.id, repository: m.name, tag, operator: m.username, requestId: requestIdOf(m) });
      throw err;
    });
    await this.ledger.claim(blobs.filter((b) => b.digest !== 'self').map((b) => b.digest));
    const upstream = await openUpstream(m.req, this.target(m.name), body);
    if (upstream.statusCode !== 201 || !parsed) return relayResponse(upstream, m.res);
    const digest = String(upstream.headers['docker-content-digest']);
    await readUpstreamBody(upstream);
    await this.db.transaction(async (tx) => {
      await this.ledger.charge(tx, m.project.id, blobs.map((b) => (b.digest === 'self' ? { ...b, digest } : b)));
      await this.recorder.record(tx, { project: m.project, repositoryName: m.name, digest, manifest: body, mediaType: parsed.mediaType, tag, username: m.username });
      await this.audit.write({ projectId: m.project.id, operation: 'create', resourceType: 'artifact', resource: `${m.name}:${tag ?? digest}`, username: m.username }, tx);
    });
    this.webhooks?.emit({ type: 'PUSH_ARTIFACT', projectId: m.project.id, repository: m.name, digest, tags: tag ? [tag] : [], operator: m.username, requestId: requestIdOf(m) });
    m.res.status(201);
    for (const h of ['location', 'docker-content-digest', 'oci-subject']) if (upstream.headers[h]) m.res.setHeader(h, upstream.headers[h] as string);
    m.res.setHeader('content-length', '0');
    m.res.end();
  }

  /**
   * By digest the artifact goes (refused while an index lists it, as the API refuses) and the
   * project's usage drops by the blobs nothing else in it holds; by tag only the tag goes.
   */
  /** The tags a /v2 delete would remove; queried only when the project has immutable rules. */
  private async tagsAffected(m: ManifestRequest, byDigest: boolean): Promise<string[]> {
    if (!byDigest) return [m.reference];
    if (!this.immutability.hasRules(m.project.id)) return [];
    const rows: { name: string }[] = await this.db.query(
      `SELECT t.name FROM tag t JOIN artifact a ON a.id = t.artifact_id WHERE a.repository_name = $1 AND a.digest = $2`,
      [m.name, m.reference],
    );
    return rows.map((r) => r.name);
  }

  async remove(m: ManifestRequest): Promise<void> {
    const byDigest = isDigest(m.reference);
    const locked = (await this.tagsAffected(m, byDigest)).find((t) => this.immutability.isImmutable(m.project, m.name, t));
    if (locked) throw OciError.of('PRECONDITION', undefined, `the tag ${locked} configured as immutable, cannot be deleted`);
    if (byDigest && (await this.isIndexChild(m.name, m.reference))) {
      throw OciError.of('DENIED', undefined, 'the deleting artifact is referenced by others');
    }
    const upstream = await openUpstream(m.req, this.target(m.name));
    if (upstream.statusCode === 202) {
      const announce = byDigest ? await this.webhooks?.prepareDelete({ projectId: m.project.id, repository: m.name, digests: [m.reference], operator: m.username, requestId: requestIdOf(m) }) : undefined;
      await this.db.transaction(async (tx) => {
        if (byDigest) {
          await tx.query(`DELETE FROM artifact WHERE repository_name = $1 AND digest = $2`, [m.name, m.reference]);
          await releaseStorage(tx, m.project.id, [m.reference]);
        } else {
          await tx.query(`DELETE FROM tag t USING repository r WHERE r.repository_id = t.repository_id AND r.name = $1 AND t.name = $2`, [m.name, m.reference]);
        }
        await this.audit.write({ projectId: m.project.id, operation: 'delete', resourceType: 'artifact', resource: `${m.name}:${m.reference}`, username: m.username }, tx);
      });
      announce?.();
    }
    await relayResponse(upstream, m.res);
  }

  private async isIndexChild(name: string, digest: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM artifact_reference r JOIN artifact a ON a.id = r.child_id WHERE a.repository_name = $1 AND a.digest = $2 LIMIT 1`,
      [name, digest],
    );
    return rows.length > 0;
  }

  private target(name: string) {
    return { base: this.registry.baseUrl, agent: this.registry.agent, authorization: this.registry.authorization(name) };
  }

  private async tagDigest(name: string, tag: string): Promise<string | undefined> {
    const rows: { digest: string }[] = await this.db.query(
      `SELECT a.digest FROM tag t JOIN repository r ON r.repository_id = t.repository_id JOIN artifact a ON a.id = t.artifact_id
       WHERE r.name = $1 AND t.name = $2`,
      [name, tag],
    );
    return rows[0]?.digest;
  }


}

/**
 * The manifest itself ("self" until the registry names its digest) and the blobs it needs; an
 * index's children were charged when they were pushed themselves.
 */
function blobsOf(body: Buffer, m: ParsedManifest): BlobSize[] {
  const needed: BlobSize[] = [{ digest: 'self', size: body.length, contentType: m.mediaType }];
  for (const d of requiredBlobs(m)) needed.push({ digest: d.digest, size: d.size, contentType: d.mediaType });
  return needed;
}

function tryParse(body: Buffer, contentType: string | undefined): ParsedManifest | undefined {
  try {
    return parseManifest(body, contentType, Number.MAX_SAFE_INTEGER);
  } catch {
    return undefined; // the registry answers with the precise MANIFEST_INVALID
  }
}

async function readLimited(req: Request, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) throw OciError.of('SIZE_INVALID', { limit: max }, `manifest larger than ${max} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw OciError.of('SIZE_INVALID', { limit: max }, `manifest larger than ${max} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const requestIdOf = (m: ManifestRequest) => m.req.headers['x-request-id'] as string | undefined;
