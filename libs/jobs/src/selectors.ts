// Harbor's "doublestar" selectors, shared by immutable tag rules and tag retention. A selector
// matches one value: a repository name (without its project) for repoMatches/repoExcludes, a
// tag for matches/excludes. Patterns follow bmatcuk/doublestar, which Harbor uses: `*` and `?`
// stop at `/`, `**` alone in a segment crosses segments, `[...]`/`[!...]` classes, `{a,b}`
// alternatives, `\` escapes; no negation, comments or extglobs (so those options are off).
import { Minimatch } from 'minimatch';

export const TAG_DECORATIONS = ['matches', 'excludes'] as const;
export const REPOSITORY_DECORATIONS = ['repoMatches', 'repoExcludes'] as const;
export type SelectorDecoration = (typeof TAG_DECORATIONS)[number] | (typeof REPOSITORY_DECORATIONS)[number];

export interface Selector {
  kind: 'doublestar';
  decoration: SelectorDecoration;
  pattern: string;
  /** JSON; for tag selectors `{"untagged": true}` makes the selector cover untagged artifacts. */
  extras?: string;
}

/** The tag value that stands for "the artifact has no tag" when a tag selector is asked. */
export const UNTAGGED = '';

const GLOB = { dot: true, nonegate: true, nocomment: true, noext: true } as const;
// Rules are few and their patterns repeat on every push; compiled matchers are kept, bounded.
const compiled = new Map<string, Minimatch>();
const MAX_COMPILED = 1000;

export function matchesSelector(selector: Selector, value: string): boolean {
  const isTagSelector = selector.decoration === 'matches' || selector.decoration === 'excludes';
  if (isTagSelector && value === UNTAGGED) {
    // Harbor: matching + untagged takes untagged artifacts in; excluding + untagged leaves them out.
    const untagged = parseExtras(selector.extras).untagged === true;
    return selector.decoration === 'matches' ? untagged : !untagged;
  }
  const hit = matcher(selector.pattern).match(value);
  return selector.decoration === 'matches' || selector.decoration === 'repoMatches' ? hit : !hit;
}

/**
 * Throws an Error whose message suits a 400 when the selector is not a doublestar selector with
 * one of the `allowed` decorations, a well-formed pattern and JSON extras.
 */
export function validateSelector(
  selector: { kind?: string; decoration?: string; pattern?: string; extras?: string },
  allowed: readonly SelectorDecoration[],
): asserts selector is Selector {
  if (selector.kind !== 'doublestar') throw new Error(`unsupported selector kind "${selector.kind ?? ''}": only doublestar is supported`);
  if (!allowed.includes(selector.decoration as SelectorDecoration)) {
    throw new Error(`invalid selector decoration "${selector.decoration ?? ''}": must be ${allowed.join(' or ')}`);
  }
  if (!selector.pattern) throw new Error('selector pattern cannot be empty');
  const problem = patternProblem(selector.pattern);
  if (problem) throw new Error(`invalid selector pattern "${selector.pattern}": ${problem}`);
  parseExtras(selector.extras);
}

function matcher(pattern: string): Minimatch {
  let m = compiled.get(pattern);
  if (!m) {
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
    m = new Minimatch(pattern, GLOB);
    compiled.set(pattern, m);
  }
  return m;
}

function parseExtras(extras: string | undefined): { untagged?: boolean } {
  if (!extras) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(extras);
  } catch {
    throw new Error(`invalid selector extras "${extras}": not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`invalid selector extras "${extras}": must be a JSON object`);
  const untagged = (parsed as { untagged?: unknown }).untagged;
  if (untagged !== undefined && typeof untagged !== 'boolean') throw new Error(`invalid selector extras "${extras}": untagged must be a boolean`);
  return { ...(untagged !== undefined ? { untagged } : {}) };
}

/** What doublestar's ValidatePattern would reject: a dangling escape, an unclosed class or brace. */
function patternProblem(pattern: string): string | undefined {
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (++i >= pattern.length) return 'it ends with an unfinished escape';
    } else if (c === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) return 'a character class is not closed';
      i = end;
    } else if (c === '{') {
      braces++;
    } else if (c === '}' && braces > 0) {
      braces--;
    }
  }
  return braces > 0 ? 'a brace is not closed' : undefined;
}

/** Index of the `]` closing the class opened at `start`, or -1. */
function classEnd(pattern: string, start: number): number {
  for (let i = start + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return -1;
}
