import { matchesSelector, REPOSITORY_DECORATIONS, type Selector, type SelectorDecoration, TAG_DECORATIONS, UNTAGGED, validateSelector } from '../selectors';
import type { RetentionCandidate } from './candidate';
import type { RetentionSelector } from './policy';

// Retention's use of the shared doublestar selectors: tag selectors (matches/excludes) filter a
// repository's artifacts, repository selectors (repoMatches/repoExcludes) pick the
// repositories a rule applies to. Several selectors of one rule narrow each other (Harbor
// chains them). An artifact is taken when any of its tags is, or as "untagged" when it has none.

function tagSelects(selector: RetentionSelector, candidate: RetentionCandidate): boolean {
  const tags = candidate.tags.length > 0 ? candidate.tags : [UNTAGGED];
  return tags.some((tag) => matchesSelector(selector as Selector, tag));
}

export function selectByTags(selectors: readonly RetentionSelector[], candidates: readonly RetentionCandidate[]): RetentionCandidate[] {
  return candidates.filter((c) => selectors.every((s) => tagSelects(s, c)));
}

/** `repository` is the name inside the project ("app/web" of "library/app/web"), as in Harbor. */
export function repositorySelected(selectors: readonly RetentionSelector[], repository: string): boolean {
  return selectors.every((s) => matchesSelector(s as Selector, repository));
}

/** Why a tag or repository selector is unusable (kind, decoration, pattern, extras), or undefined. */
export function selectorProblem(selector: RetentionSelector, scope: 'tag' | 'repository'): string | undefined {
  const allowed: readonly SelectorDecoration[] = scope === 'tag' ? TAG_DECORATIONS : REPOSITORY_DECORATIONS;
  try {
    validateSelector(selector, allowed);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
