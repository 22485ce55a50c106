// The shape of a /v2 request path. Repository names contain slashes and may contain segments
// called 'blobs', 'manifests' or 'tags', so every route is matched as a suffix from the right
// and whatever precedes the suffix is the name.

export type V2Route =
  | { kind: 'base' }
  | { kind: 'catalog' }
  | { kind: 'tags'; name: string }
  | { kind: 'manifest'; name: string; reference: string }
  | { kind: 'blob'; name: string; digest: string }
  | { kind: 'uploads'; name: string }
  | { kind: 'upload'; name: string; uuid: string }
  | { kind: 'referrers'; name: string; digest: string };

/** Marks a suffix segment that captures one non-empty path segment. */
const ANY = Symbol('segment');
type Segment = string | typeof ANY;

interface Rule {
  suffix: readonly Segment[];
  build(name: string, captured: string[]): V2Route;
}

// Order matters where suffixes overlap: ".../blobs/uploads" is the upload endpoint, never a
// blob whose digest is "uploads".
const RULES: readonly Rule[] = [
  { suffix: ['blobs', 'uploads', ''], build: (name) => ({ kind: 'uploads', name }) },
  { suffix: ['blobs', 'uploads'], build: (name) => ({ kind: 'uploads', name }) },
  { suffix: ['blobs', 'uploads', ANY], build: (name, [uuid]) => ({ kind: 'upload', name, uuid }) },
  { suffix: ['blobs', ANY], build: (name, [digest]) => ({ kind: 'blob', name, digest }) },
  { suffix: ['manifests', ANY], build: (name, [reference]) => ({ kind: 'manifest', name, reference }) },
  { suffix: ['tags', 'list'], build: (name) => ({ kind: 'tags', name }) },
  { suffix: ['referrers', ANY], build: (name, [digest]) => ({ kind: 'referrers', name, digest }) },
];

/** The captured segments when `segments` ends with `suffix`, else undefined. */
function matchSuffix(segments: readonly string[], suffix: readonly Segment[]): string[] | undefined {
  const offset = segments.length - suffix.length;
  if (offset < 1) return undefined; // the name needs at least one segment
  const captured: string[] = [];
  for (let i = 0; i < suffix.length; i++) {
    const want = suffix[i];
    const got = segments[offset + i];
    if (want === ANY) {
      if (got === '') return undefined;
      captured.push(got);
    } else if (want !== got) {
      return undefined;
    }
  }
  return captured;
}

function matchRule(segments: readonly string[], rule: Rule): V2Route | undefined {
  const captured = matchSuffix(segments, rule.suffix);
  if (!captured) return undefined;
  const name = segments.slice(0, segments.length - rule.suffix.length).join('/');
  return name === '' ? undefined : rule.build(name, captured);
}

/**
 * Parses the part of the path after "/v2" (still percent-encoded, without the query).
 * Names, references, digests and upload ids come back raw: the caller validates them, so that
 * a bad name is answered with NAME_INVALID rather than a 404.
 */
export function parseV2Route(path: string): V2Route | undefined {
  if (path === '' || path === '/') return { kind: 'base' };
  if (path === '/_catalog') return { kind: 'catalog' };
  if (!path.startsWith('/')) return undefined;
  const segments = path.slice(1).split('/');
  for (const rule of RULES) {
    const route = matchRule(segments, rule);
    if (route) return route;
  }
  return undefined;
}
