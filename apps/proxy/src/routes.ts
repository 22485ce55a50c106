import { parseV2Route } from '@harbor-ts/oci';
import type { IncomingHttpHeaders } from 'node:http';

export type UpstreamName = 'core' | 'registry' | 'portal';

/** Where one request goes: an upstream, or an answer the proxy gives itself. */
export type Route = { upstream: UpstreamName } | { refuse: 'notFound' | 'badRequest' };

/**
 * Harbor's nginx locations, first match wins. `/service/notifications` is the registry's event
 * hook into core: only the registry may call it, from inside the stack, so it is blocked here.
 * A `null` target means "answer 404".
 */
const TABLE: readonly (readonly [prefix: string, target: 'core' | null])[] = [
  ['/service/notifications', null],
  ['/v2/', 'core'],
  ['/service/', 'core'],
  ['/api/', 'core'],
  ['/c/', 'core'],
];

/**
 * Routes a request. Prefixes are matched on the decoded, dot- and slash-normalised path, as
 * nginx matches locations, so `/service/%6Eotifications` or `/service//notifications` cannot
 * slip past the block; the request itself is forwarded with its path untouched.
 */
export function routeRequest(method: string, url: string, headers: IncomingHttpHeaders, hasPortal: boolean): Route {
  const rawPath = url.split('?', 1)[0];
  const path = normalisedPath(rawPath);
  if (path === undefined) return { refuse: 'badRequest' };
  const hit = TABLE.find(([prefix]) => path.startsWith(prefix) || path === prefix.replace(/\/$/, ''));
  if (hit) {
    if (hit[1] === null) return { refuse: 'notFound' };
    return rawPath === path && isRegistryFastPath(method, rawPath, headers) ? { upstream: 'registry' } : { upstream: hit[1] };
  }
  return hasPortal ? { upstream: 'portal' } : { refuse: 'notFound' };
}

/**
 * Blob downloads and upload chunks carrying a bearer token skip core: the registry verifies
 * the token itself, and these are the bulk of all bytes served and received. Core keeps what
 * it must see: upload start and commit (quota), manifests, listings, and every request
 * without a bearer token (the challenge, Basic). A PATCH can only name a session that core
 * let a POST create. Only canonical paths qualify (the caller checks): anything encoded or
 * with dot segments is core's to judge.
 */
function isRegistryFastPath(method: string, rawPath: string, headers: IncomingHttpHeaders): boolean {
  if (!/^Bearer\s+\S/i.test(headers.authorization ?? '')) return false;
  if (!rawPath.startsWith('/v2/')) return false;
  const kind = parseV2Route(rawPath.slice(3))?.kind;
  return ((method === 'GET' || method === 'HEAD') && kind === 'blob') || (method === 'PATCH' && kind === 'upload');
}

/** True for paths core serves as the OCI API, whose errors use the OCI envelope. */
export function isV2Path(url: string): boolean {
  const path = normalisedPath(url.split('?', 1)[0]);
  return path === '/v2' || Boolean(path?.startsWith('/v2/'));
}

/** Percent-decoded path without empty, `.` and `..` segments; undefined when undecodable. */
export function normalisedPath(rawPath: string): string | undefined {
  if (!rawPath.startsWith('/')) return undefined; // absolute-form and `*` targets are not served
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  const segments: string[] = [];
  for (const segment of decoded.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '' && segment !== '.') segments.push(segment);
  }
  const trailing = /\/(\.{0,2})$/.test(decoded) && segments.length > 0 ? '/' : '';
  return `/${segments.join('/')}${trailing}`;
}
