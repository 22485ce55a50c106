// One client session's registry auth: what one `docker push` or `docker pull` keeps in memory.
// It pings /v2/ once, then authorises every /v2 request of its HttpClients with Basic
// credentials or a cached Bearer token; other paths (/service/token, /api/) are left alone.
import { basicHeader, Challenge, Credentials, IssuedToken, mergeScopes, parseChallenge, scopesFor, TokenCache, tokenUrl } from './auth';
import { Authorizer, expectStatus, header, Headers, HttpClient } from './http';

/** Sockets for the ping and token requests; a real client fetches tokens over a few connections. */
const TOKEN_SOCKETS = 4;

export class AuthSession implements Authorizer {
  private readonly origin: string;
  private readonly http: HttpClient;
  private readonly tokens: TokenCache;
  private challenge: Promise<Challenge | undefined> | undefined;

  constructor(
    baseUrl: string,
    private readonly credentials: Credentials,
    /** Actions asked for on every repository scope: ['pull', 'push'] for a push session. */
    private readonly sessionActions: readonly string[] = [],
  ) {
    this.origin = new URL(baseUrl).origin;
    this.http = new HttpClient(baseUrl, TOKEN_SOCKETS);
    this.tokens = new TokenCache((scopes) => this.fetchToken(scopes));
  }

  /** Tokens fetched by this session so far. */
  get tokenFetches(): number {
    return this.tokens.fetches;
  }

  async headersFor(method: string, target: string): Promise<Headers> {
    const url = new URL(target);
    if (!this.applies(url)) return {};
    return this.authorization(await this.learnChallenge(), scopesFor(method, url, this.sessionActions));
  }

  async retryHeaders(method: string, target: string, wwwAuthenticate: string | undefined): Promise<Headers | undefined> {
    const url = new URL(target);
    const challenge = parseChallenge(wwwAuthenticate);
    if (!this.applies(url) || !challenge) return undefined;
    this.challenge = Promise.resolve(challenge);
    const ours = scopesFor(method, url, this.sessionActions);
    this.tokens.drop(ours);
    const extra = challenge.scheme === 'bearer' && challenge.scope ? [challenge.scope] : [];
    return this.authorization(challenge, mergeScopes(ours, extra));
  }

  close(): void {
    this.http.close();
  }

  private applies(url: URL): boolean {
    return url.origin === this.origin && (url.pathname === '/v2' || url.pathname.startsWith('/v2/'));
  }

  private async authorization(challenge: Challenge | undefined, scopes: readonly string[]): Promise<Headers> {
    if (!challenge) return {};
    if (challenge.scheme === 'basic') return { authorization: basicHeader(this.credentials) };
    return { authorization: `Bearer ${await this.tokens.get(mergeScopes(scopes))}` };
  }

  /** GET /v2/ once per session, as docker does before its first request. */
  private learnChallenge(): Promise<Challenge | undefined> {
    this.challenge ??= this.http.request('/v2/').then((reply) => {
      if (reply.status === 200) return undefined;
      expectStatus(reply, 'GET', '/v2/', 401);
      const challenge = parseChallenge(header(reply, 'www-authenticate'));
      if (!challenge) throw new Error(`GET /v2/: 401 without a Basic or Bearer challenge (${header(reply, 'www-authenticate') ?? 'none'})`);
      return challenge;
    });
    return this.challenge;
  }

  private async fetchToken(scopes: readonly string[]): Promise<IssuedToken> {
    const challenge = await this.learnChallenge();
    if (challenge?.scheme !== 'bearer') throw new Error('a token was asked for without a Bearer challenge');
    const url = tokenUrl(challenge, scopes);
    const reply = expectStatus(await this.http.request(url, { headers: { authorization: basicHeader(this.credentials) } }), 'GET', url, 200);
    const body = JSON.parse(reply.body.toString('utf8')) as { token?: string; access_token?: string; expires_in?: number };
    const token = body.token ?? body.access_token;
    if (!token) throw new Error(`GET ${url}: no token in the reply`);
    return { token, ...(typeof body.expires_in === 'number' ? { expiresIn: body.expires_in } : {}) };
  }
}
