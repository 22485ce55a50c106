import type { JobContext, JobHandler } from '@harbor-ts/jobs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { type Candidate, storageOrphans, unreferencedBlobs } from './blob-candidates';
import { claimOrphans, markForDeletion, sweepBatch } from './blob-sweep';
import { type GcParams, parseGcParams } from './gc-params';
import type { RegistryctlClient } from './registryctl-client';
import { countDeletable, deleteBatch, deleteManifests, selectDeletable } from './untagged-artifacts';

export interface GcDeps {
  db: Pool;
  registryctl: RegistryctlClient;
  log: Logger;
  /** Upload sessions older than this are purged (harbor.yml upload_purging.age). */
  uploadPurgingAgeMs: number;
  /** Blobs per registryctl request (default 500). */
  blobBatchSize?: number;
  /** Untagged artifacts per transaction (default 500). */
  artifactBatchSize?: number;
}

export interface GcSummary extends Record<string, unknown> {
  freed_bytes: number;
  deleted_blobs: number;
  deleted_manifests: number;
  purged_uploads: number;
  dry_run: boolean;
}

const HOUR_MS = 3_600_000;

/**
 * GARBAGE_COLLECTION: purge abandoned uploads; with delete_untagged, delete untagged artifacts
 * in batches; mark blobs no artifact needs (database rows, and storage blobs the database does
 * not know) older than the time window; sweep them through registryctl, `workers` batches at a
 * time. Pushes go on meanwhile (see blob-sweep.ts). Stopping takes effect between batches.
 */
export function createGcHandler(deps: GcDeps): JobHandler<GcParams> {
  return async (ctx) => new GcRun(deps, ctx, parseGcParams(ctx.params)).run();
}

class GcRun {
  private readonly summary: GcSummary;
  private readonly cutoff: Date;

  constructor(
    private readonly deps: GcDeps,
    private readonly ctx: JobContext<GcParams>,
    private readonly params: GcParams,
  ) {
    this.summary = { freed_bytes: 0, deleted_blobs: 0, deleted_manifests: 0, purged_uploads: 0, dry_run: params.dry_run };
    this.cutoff = new Date(Date.now() - params.time_window * HOUR_MS);
  }

  async run(): Promise<GcSummary> {
    const started = Date.now();
    const p = this.params;
    this.say(`GC started: dry_run=${p.dry_run} delete_untagged=${p.delete_untagged} workers=${p.workers} time_window=${p.time_window}h (nothing written after ${this.cutoff.toISOString()} is deleted)`);
    await this.purgeUploads();
    if (p.delete_untagged) await this.deleteUntagged();
    const candidates = await this.mark();
    if (p.dry_run) {
      this.summary.deleted_blobs = candidates.length;
      this.summary.freed_bytes = candidates.reduce((sum, c) => sum + c.size, 0);
      this.say(`dry run: ${candidates.length} blobs (${bytes(this.summary.freed_bytes)}) would be deleted; nothing was deleted`);
    } else {
      await this.sweep(candidates);
    }
    this.say(`GC finished in ${((Date.now() - started) / 1000).toFixed(1)} s: ${this.totals()}`);
    return this.summary;
  }

  private async purgeUploads(): Promise<void> {
    const result = await this.deps.registryctl.purgeUploads(this.deps.uploadPurgingAgeMs, this.params.dry_run);
    this.summary.purged_uploads = result.purged;
    this.say(`upload sessions: ${result.scanned} found, ${result.purged} older than ${this.deps.uploadPurgingAgeMs / HOUR_MS}h ${this.params.dry_run ? 'would be purged' : 'purged'}`);
  }

  private async deleteUntagged(): Promise<void> {
    if (this.params.dry_run) {
      const n = await countDeletable(this.deps.db, this.cutoff);
      this.summary.deleted_manifests = n;
      this.say(`dry run: ${n} untagged artifacts would be deleted (blobs only they hold are not counted below)`);
      return;
    }
    const size = this.deps.artifactBatchSize ?? 500;
    let deletedArtifacts = 0;
    for (;;) {
      this.checkStopped();
      const batch = await selectDeletable(this.deps.db, this.cutoff, size);
      if (batch.length === 0) break;
      const deleted = await deleteBatch(this.deps.db, batch, this.cutoff);
      if (deleted.length === 0) break; // every one was re-tagged meanwhile; the next select would repeat them
      deletedArtifacts += deleted.length;
      this.summary.deleted_manifests += await deleteManifests(this.deps.registryctl, deleted);
      this.say(`deleted ${deleted.length} untagged artifacts (${deletedArtifacts} so far), e.g. ${deleted[0].repository_name}@${deleted[0].digest}`);
    }
    this.say(`untagged artifacts: ${deletedArtifacts} deleted, ${this.summary.deleted_manifests} manifests removed from storage`);
  }

  private async mark(): Promise<Candidate[]> {
    const started = Date.now();
    const known = await unreferencedBlobs(this.deps.db, this.cutoff);
    const orphans = await storageOrphans(this.deps.db, this.deps.registryctl, this.cutoff);
    this.say(`mark: ${known.length} unreferenced blob rows and ${orphans.length} storage blobs unknown to the database, in ${Date.now() - started} ms`);
    if (this.params.dry_run) return [...known, ...orphans.map((o) => ({ id: 0, digest: o.digest, size: o.size, version: 0 }))];
    const marked = [...(await markForDeletion(this.deps.db, known)), ...(await claimOrphans(this.deps.db, orphans))];
    const lost = known.length + orphans.length - marked.length;
    if (lost > 0) this.say(`${lost} blobs were touched by a push since the mark and are kept`);
    return marked;
  }

  private async sweep(candidates: Candidate[]): Promise<void> {
    const size = this.deps.blobBatchSize ?? 500;
    const batches: Candidate[][] = [];
    for (let i = 0; i < candidates.length; i += size) batches.push(candidates.slice(i, i + size));
    let done = 0;
    let kept = 0;
    await this.ctx.progress(0, candidates.length);
    const worker = async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        this.checkStopped();
        const outcome = await sweepBatch(this.deps.db, this.deps.registryctl, batch).catch((err: unknown) => {
          batches.length = 0; // the other workers finish their batch and stop
          throw err;
        });
        this.summary.deleted_blobs += outcome.deletedBlobs;
        this.summary.freed_bytes += outcome.freedBytes;
        kept += outcome.kept;
        done += batch.length;
        await this.ctx.progress(done, candidates.length);
        this.say(`swept ${done}/${candidates.length} blobs: ${this.summary.deleted_blobs} deleted, ${bytes(this.summary.freed_bytes)} freed, ${kept} kept (re-referenced by a push)`);
      }
    };
    // Settle every worker before leaving: a failed or stopped run must not sweep on behind our back.
    const results = await Promise.allSettled(Array.from({ length: Math.min(this.params.workers, Math.max(batches.length, 1)) }, worker));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  }

  /** Stop requests take effect between batches: a batch in flight finishes, so no row is left half-swept. */
  private checkStopped(): void {
    if (!this.ctx.signal.aborted) return;
    this.say(`GC stopped: ${this.totals()}`);
    this.ctx.signal.throwIfAborted();
  }

  private totals(): string {
    const s = this.summary;
    return `${s.deleted_blobs} blobs deleted, ${bytes(s.freed_bytes)} freed, ${s.deleted_manifests} manifests deleted, ${s.purged_uploads} uploads purged${s.dry_run ? ' (dry run)' : ''}`;
  }

  private say(line: string): void {
    this.ctx.log(line);
    this.deps.log.info({ executionId: this.ctx.executionId, taskId: this.ctx.taskId }, line);
  }
}

function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let i = 0;
  for (; value >= 1024 && i < units.length - 1; i++) value /= 1024;
  return `${i === 0 ? value : value.toFixed(2)} ${units[i]}`;
}
