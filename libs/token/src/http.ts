export interface Challenge {
  realm: string;
  service: string;
  scope?: string;
  error?: 'invalid_token' | 'insufficient_scope';
}

/** RFC 7230 quoted-string: a quote or backslash inside must be escaped. */
const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

/**
 * The WWW-Authenticate value sent with a 401 from /v2, telling the client where to get a
 * token: Bearer realm="...",service="...",scope="..." (parameters in the spec's order).
 */
export function challengeHeader(o: Challenge): string {
  const params: [string, string | undefined][] = [
    ['realm', o.realm],
    ['service', o.service],
    ['scope', o.scope || undefined],
    ['error', o.error],
  ];
  const present = params.filter((p): p is [string, string] => p[1] !== undefined);
  return `Bearer ${present.map(([k, v]) => `${k}=${quote(v)}`).join(',')}`;
}

// Auth schemes are case-insensitive (RFC 7235); the credentials are one token68 value.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const BASIC = /^Basic +([A-Za-z0-9+/]+=*) *$/i;

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization ? BEARER.exec(authorization)?.[1] : undefined;
}

/**
 * The credentials of an `Authorization: Basic <base64(user:password)>` header, or undefined.
 * The password may contain ':' (only the first one separates); robot names contain '$'.
 */
export function basicCredentials(authorization: string | undefined): { username: string; password: string } | undefined {
  const encoded = authorization ? BASIC.exec(authorization)?.[1] : undefined;
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
