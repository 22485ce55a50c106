import { type JobContext, type JobHandler, type RetentionCandidate, selectRetention } from '@harbor-ts/jobs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { deleteArtifactRows, lockedTags, lockQuota, releaseStorage } from './artifact-deletion';
import { parseRetentionParams, type RetentionJobParams } from './retention-params';
import { type RetentionRepository, RetentionStore, type StoredCandidate } from './retention.store';

/** Removes a manifest revision from registry storage (registryctl); 404 counts as done. */
export interface ManifestRemover {
  deleteManifest(repository: string, digest: string): Promise<void>;
}

export interface RetentionHandlerDeps {
  db: Pool;
  /** Optional: without it the revisions stay in storage until GC sweeps them (GC marks from the database). */
  registryctl?: ManifestRemover;
  log: Logger;
}

export interface RetentionSummary extends Record<string, unknown> {
  repository: string;
  total: number;
  retained: number;
  deleted: number;
  dryRun: boolean;
}

/** Harbor retries a retention task a few times; a rerun re-reads the repository, so it is safe. */
export const RETENTION_RETRY_POLICY = { attempts: 3 };

/**
 * RETENTION: one task per repository. Reads the policy and the repository's artifacts, keeps
 * what the rules (or an immutable tag rule) retain and, unless dry run, deletes the rest, one
 * artifact per transaction so a stop or crash leaves every artifact either whole or gone.
 */
export function createRetentionHandler(deps: RetentionHandlerDeps): JobHandler<Record<string, unknown>> {
  const store = new RetentionStore(deps.db);
  return async (ctx) => {
    const params = parseRetentionParams(ctx.params);
    const policy = await store.policy(params.policyId);
    if (!policy) throw new Error(`retention policy ${params.policyId} not found`);
    const repo = await store.repository(policy.scope.ref, params.repository);
    if (!repo) {
      ctx.log(`repository ${params.repository} no longer exists in the project; nothing to do`);
      return summary(params, 0, 0, 0);
    }
    const candidates = await withImmutability(store, repo);
    const { retained, deleted } = selectRetention(relativeName(repo), candidates, policy.rules);
    ctx.log(`${params.dryRun ? 'dry run: ' : ''}${repo.name}: ${candidates.length} artifacts, ${retained.length} retained, ${deleted.length} to delete`);
    for (const c of retained) ctx.log(line(c.immutable ? 'RETAINED (immutable)' : 'RETAINED', c));
    const removed = await deleteAll(ctx, deps, store, repo, deleted as StoredCandidate[], params.dryRun);
    deps.log.info({ policyId: params.policyId, repository: repo.name, dryRun: params.dryRun, total: candidates.length, deleted: removed }, 'retention task done');
    return summary(params, candidates.length, candidates.length - removed, removed);
  };
}

async function withImmutability(store: RetentionStore, repo: RetentionRepository): Promise<StoredCandidate[]> {
  const [candidates, isImmutable] = await Promise.all([store.candidates(repo.id), store.immutability(repo.projectId)]);
  const relative = relativeName(repo);
  return candidates.map((c) => ({ ...c, immutable: c.tags.some((t) => isImmutable(relative, t)) }));
}

/** Returns how many artifacts were deleted (or would be, in a dry run). */
async function deleteAll(ctx: JobContext, deps: RetentionHandlerDeps, store: RetentionStore, repo: RetentionRepository, doomed: StoredCandidate[], dryRun: boolean): Promise<number> {
  let removed = 0;
  for (const [i, c] of doomed.entries()) {
    if (ctx.signal.aborted) throw new Error(`retention of ${repo.name} stopped after ${removed} deletions`);
    if (dryRun) ctx.log(line('DELETE (dry run)', c));
    else if (await deleteOne(deps, store, repo, c)) ctx.log(line('DELETED', c));
    else {
      ctx.log(line('RETAINED (tags changed since selection)', c));
      continue;
    }
    removed++;
    await ctx.progress(i + 1, doomed.length);
  }
  return removed;
}

/** false when the artifact's tags changed after selection (a push re-tagged it): it stays. */
async function deleteOne(deps: RetentionHandlerDeps, store: RetentionStore, repo: RetentionRepository, c: StoredCandidate): Promise<boolean> {
  const ids = await store.closure(c.id);
  const digests = await store.digestsOf(ids);
  return store.transaction(async (tx) => {
    // The quota row first, as pushes lock it, then the artifact: same order, no deadlock.
    await lockQuota(tx, repo.projectId);
    const tags = await lockedTags(tx, c.id);
    if (tags === undefined) return true;
    if (tags.join('\n') !== [...c.tags].sort().join('\n')) return false;
    await deleteArtifactRows(tx, ids, repo.id);
    await releaseStorage(tx, repo.projectId, digests);
    // Last, so a refused storage delete rolls the rows back.
    if (deps.registryctl) for (const digest of digests) await deps.registryctl.deleteManifest(repo.name, digest);
    return true;
  });
}

function relativeName(repo: RetentionRepository): string {
  return repo.name.slice(repo.projectName.length + 1);
}

function line(verdict: string, c: RetentionCandidate): string {
  const pulled = c.pulledTime > 0 ? new Date(c.pulledTime).toISOString() : 'never';
  return `${verdict} ${c.digest} tags=${c.tags.join(',') || '<none>'} pushed=${new Date(c.pushedTime).toISOString()} pulled=${pulled}`;
}

function summary(params: RetentionJobParams, total: number, retained: number, deleted: number): RetentionSummary {
  return { repository: params.repository, total, retained, deleted, dryRun: params.dryRun };
}
