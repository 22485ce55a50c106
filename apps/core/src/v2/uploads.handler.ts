import { Injectable, Optional } from '@nestjs/common';
import { isDigest } from '@harbor-ts/oci';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import type { ProjectRef } from '../auth/project-directory';
import { RegistryClient, type RegistryResponse } from '../registry/registry-client';
import { type ForwardTarget, forward, openUpstream, relayResponse } from './forward';
import { WebhookEvents } from '../webhooks/webhook-events';
import { StorageLedger } from './storage-ledger';

/** Where a blob is committed, and by whom (for QUOTA_EXCEED events). */
export interface BlobTarget {
  project: ProjectRef;
  name: string;
  username: string;
}

/**
 * Blob reads and upload sessions stream through untouched. The requests that commit a blob
 * (PUT ?digest=, monolithic POST ?digest=, a mount) are checked against the project's quota
 * first and charged to it once the registry has stored the blob.
 */
@Injectable()
export class UploadsHandler {
  constructor(
    private readonly db: DataSource,
    private readonly registry: RegistryClient,
    private readonly ledger: StorageLedger,
    @Optional() private readonly webhooks?: WebhookEvents,
  ) {}

  passThrough(req: Request, res: Response, name: string, extraRepos: readonly string[] = []): Promise<void> {
    return forward(req, res, this.target(name, extraRepos));
  }

  /** PUT <upload>?digest=: the bytes already sent plus this request's body. */
  async complete(req: Request, res: Response, to: BlobTarget, uuid: string): Promise<void> {
    const digest = String(req.query.digest ?? '');
    if (!isDigest(digest)) return this.passThrough(req, res, to.name); // the registry names the error
    await this.commit(req, res, to, digest, async () => {
      const status = await this.registry.uploadStatus(to.name, uuid);
      const stored = status.status === 204 ? rangeEnd(status.headers.range) : 0;
      return stored + Number(req.headers['content-length'] ?? 0);
    });
  }

  /** POST ?digest= (monolithic) or ?mount=&from= (cross-repository mount). */
  async start(req: Request, res: Response, to: BlobTarget, mountFrom?: string): Promise<void> {
    const mount = typeof req.query.mount === 'string' ? req.query.mount : undefined;
    if (mount && mountFrom && isDigest(mount)) {
      const sourceSize = async () => blobSize(await this.registry.headBlob(mountFrom, mount), 0);
      return this.commit(req, res, to, mount, sourceSize, [mountFrom]);
    }
    const digest = typeof req.query.digest === 'string' ? req.query.digest : undefined;
    if (digest && isDigest(digest)) return this.commit(req, res, to, digest, async () => Number(req.headers['content-length'] ?? 0));
    return this.passThrough(req, res, to.name);
  }

  /** `estimate` sizes the blob for the quota check, which only asks when the project has a limit. */
  private async commit(req: Request, res: Response, to: BlobTarget, digest: string, estimate: () => Promise<number>, extraRepos: readonly string[] = []): Promise<void> {
    const { project, name } = to;
    await this.ledger.checkRoom(project.id, async () => [{ digest, size: await estimate() }]).catch((err: unknown) => {
      this.webhooks?.quotaRefused(err, { projectId: project.id, repository: name, operator: to.username, requestId: req.headers['x-request-id'] as string | undefined });
      throw err;
    });
    const upstream = await openUpstream(req, this.target(name, extraRepos));
    if (upstream.statusCode === 201) {
      // The stored size, not the estimate: an upload's Range cannot tell 0 bytes from 1.
      const size = blobSize(await this.registry.headBlob(name, digest), 0);
      await this.db.transaction((tx) => this.ledger.charge(tx, project.id, [{ digest, size }]));
    }
    await relayResponse(upstream, res);
  }

  private target(name: string, extraRepos: readonly string[]): ForwardTarget {
    return { base: this.registry.baseUrl, agent: this.registry.agent, authorization: this.registry.authorization(name, extraRepos) };
  }
}

function blobSize(head: RegistryResponse, fallback: number): number {
  return head.status === 200 ? Number(head.headers['content-length'] ?? fallback) : fallback;
}

/** "Range: 0-<offset>" names the last byte stored, so the size is one more. */
function rangeEnd(range: string | string[] | undefined): number {
  const match = /^0-(\d+)$/.exec(String(range ?? ''));
  return match ? Number(match[1]) + 1 : 0;
}
