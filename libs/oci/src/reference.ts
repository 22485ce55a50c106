// Repository names, tags and manifest references, as the distribution spec defines them.
import { isDigest, parseDigest, type ParsedDigest } from './digest';
import { OciError } from './errors';

export const MAX_REPOSITORY_NAME_LENGTH = 255;

// "<name> MUST match the following regular expression:
//  [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*"
// Written with non-capturing groups; `_|__` is spelled `__?`. Anchored, so '..', '/abs', 'a//b',
// 'a/', upper case and percent-encoded input all fail.
const COMPONENT = '[a-z0-9]+(?:(?:\\.|__?|-+)[a-z0-9]+)*';
const NAME = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);

// "<reference> as a tag MUST be at most 128 characters in length and MUST match the following
//  regular expression: [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}"
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;

export function isValidRepositoryName(name: string): boolean {
  // Length first: it also bounds the work the regular expression does.
  return typeof name === 'string' && name.length <= MAX_REPOSITORY_NAME_LENGTH && NAME.test(name);
}

/** Throws OciError NAME_INVALID (detail { name }) unless the name is valid. */
export function assertRepositoryName(name: string): void {
  if (!isValidRepositoryName(name)) throw OciError.of('NAME_INVALID', { name });
}

export function isValidTag(tag: string): boolean {
  return typeof tag === 'string' && TAG.test(tag);
}

export type Reference = { kind: 'tag'; tag: string } | { kind: 'digest'; digest: ParsedDigest };

/**
 * A manifest reference is a tag or a digest. A tag never contains ':' and a digest always
 * does, so the two cannot be confused. Undefined when the value is neither.
 */
export function parseReference(ref: string): Reference | undefined {
  if (isValidTag(ref)) return { kind: 'tag', tag: ref };
  if (isDigest(ref)) return { kind: 'digest', digest: parseDigest(ref) };
  return undefined;
}
