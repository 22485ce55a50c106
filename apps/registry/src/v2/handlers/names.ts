import { assertRepositoryName, OciError, parseDigest, parseReference, type Reference } from '@harbor-ts/oci';
import type { RepositoryStore } from '@harbor-ts/storage';
import type { V2Context } from '../context';

/** Validates a raw (still percent-encoded) name before anything touches storage. */
export function repositoryOf(ctx: V2Context, name: string): RepositoryStore {
  assertRepositoryName(name);
  return ctx.store.repository(name);
}

/** A tag or digest from the path; for a read an invalid one is simply unknown, for a write it is invalid. */
export function referenceOf(raw: string, forWrite: boolean): Reference {
  const reference = parseReference(raw);
  if (reference) return reference;
  if (raw.includes(':')) parseDigest(raw);
  throw OciError.of(forWrite ? 'MANIFEST_INVALID' : 'MANIFEST_UNKNOWN', { reference: raw });
}

export function assertDeleteEnabled(ctx: V2Context): void {
  if (!ctx.deleteEnabled) throw OciError.of('UNSUPPORTED', { reason: 'deletion is disabled in this registry' });
}
