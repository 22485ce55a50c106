// Registry auth the way docker does it. A session pings /v2/ once to learn the challenge; with
// `Basic realm=` it sends the credentials on every request; with `Bearer realm=,service=` it
// fetches a token from the realm (Basic credentials, `service` and `scope` query parameters),
// caches it per scope until it expires, and sends it. A 401 drops the cached token and the
// request is retried once with a fresh one for the scopes the challenge names.
//
// Docker token spec: "the client should then make a GET request to the token endpoint with the
// service and scope query parameters"; "expires_in: the duration in seconds since the token was
// issued that it will remain valid. When omitted, this defaults to 60 seconds."
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export type Challenge =
  | { readonly scheme: 'basic'; readonly realm: string }
  | { readonly scheme: 'bearer'; readonly realm: string; readonly service?: string; readonly scope?: string; readonly error?: string };

/** The first challenge of a WWW-Authenticate value; undefined when it is neither Basic nor Bearer. */
export function parseChallenge(value: string | undefined): Challenge | undefined {
  const match = value ? /^\s*(Basic|Bearer)\s+(.*)$/i.exec(value) : null;
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const p of match[2].matchAll(/([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g)) {
    params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
  }
  if (params.realm === undefined) return undefined;
  if (match[1].toLowerCase() === 'basic') return { scheme: 'basic', realm: params.realm };
  const { realm, service, scope, error } = params;
  return { scheme: 'bearer', realm, ...(service ? { service } : {}), ...(scope ? { scope } : {}), ...(error ? { error } : {}) };
}

const ACTION_ORDER = ['pull', 'push', 'delete', '*'];
const sortActions = (actions: Iterable<string>): string[] => [...new Set(actions)].sort((x, y) => ACTION_ORDER.indexOf(x) - ACTION_ORDER.indexOf(y));

/**
 * The scopes a /v2 request needs, as docker asks for them: reads pull, writes pull and push, a
 * manifest DELETE delete, the catalog registry:catalog:*, and a mount also pulls its source.
 * `sessionActions` are added to every repository scope (a push session asks for pull,push).
 */
export function scopesFor(method: string, url: URL, sessionActions: readonly string[] = []): string[] {
  const path = url.pathname;
  if (path === '/v2/_catalog') return ['registry:catalog:*'];
  const name = /^\/v2\/(.+)\/(?:blobs|manifests|tags)\//.exec(path)?.[1];
  if (!name) return [];
  const needed = method === 'GET' || method === 'HEAD' ? ['pull'] : method === 'DELETE' ? ['delete'] : ['pull', 'push'];
  const scopes = [`repository:${name}:${sortActions([...sessionActions, ...needed]).join(',')}`];
  const from = url.searchParams.get('from');
  if (url.searchParams.has('mount') && from && from !== name) scopes.push(`repository:${from}:pull`);
  return scopes;
}

/** Scope lists in one canonical order, so that equal lists share one cache entry. */
export function mergeScopes(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat().flatMap((s) => s.split(' ')).filter(Boolean))].sort();
}

export interface IssuedToken {
  readonly token: string;
  /** Seconds the token stays valid; the spec's default is 60. */
  readonly expiresIn?: number;
}

/** Seconds before expiry at which a cached token is no longer used (docker keeps a margin too). */
const EXPIRY_MARGIN_S = 5;
const DEFAULT_EXPIRES_IN_S = 60;

/** Tokens per scope list, each until shortly before it expires; one fetch in flight per key. */
export class TokenCache {
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<string>>();
  /** Tokens fetched so far (a diagnostic, and what the unit tests count). */
  fetches = 0;

  constructor(
    private readonly fetchToken: (scopes: readonly string[]) => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  get(scopes: readonly string[]): Promise<string> {
    const key = scopes.join(' ');
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > this.now()) return Promise.resolve(cached.token);
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const fetched = this.fetch(key, scopes).finally(() => this.pending.delete(key));
    this.pending.set(key, fetched);
    return fetched;
  }

  drop(scopes: readonly string[]): void {
    this.tokens.delete(scopes.join(' '));
  }

  private async fetch(key: string, scopes: readonly string[]): Promise<string> {
    const requestedAt = this.now();
    this.fetches++;
    const issued = await this.fetchToken(scopes);
    const lifetime = Math.max(0, (issued.expiresIn ?? DEFAULT_EXPIRES_IN_S) - EXPIRY_MARGIN_S);
    this.tokens.set(key, { token: issued.token, expiresAt: requestedAt + lifetime * 1000 });
    return issued.token;
  }
}

export const basicHeader = (c: Credentials): string => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

/** The URL a client GETs for a token: the realm with `service` and one `scope` per scope. */
export function tokenUrl(challenge: { realm: string; service?: string }, scopes: readonly string[]): string {
  const url = new URL(challenge.realm);
  if (challenge.service) url.searchParams.set('service', challenge.service);
  for (const scope of scopes) url.searchParams.append('scope', scope);
  return url.toString();
}
