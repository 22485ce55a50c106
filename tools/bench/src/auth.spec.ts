import { mergeScopes, parseChallenge, scopesFor, TokenCache, tokenUrl } from './auth';

describe('parseChallenge', () => {
  it('reads a Bearer challenge with quoted parameters, commas inside quotes included', () => {
    const value = 'Bearer realm="http://127.0.0.1:8080/service/token",service="harbor-registry",scope="repository:library/app:pull,push"';
    expect(parseChallenge(value)).toEqual({ scheme: 'bearer', realm: 'http://127.0.0.1:8080/service/token', service: 'harbor-registry', scope: 'repository:library/app:pull,push' });
  });
  it('reads error, unquoted values and any case of the scheme', () => {
    expect(parseChallenge('bearer realm=http://h/t, service=s, error="insufficient_scope"')).toEqual({ scheme: 'bearer', realm: 'http://h/t', service: 's', error: 'insufficient_scope' });
  });
  it('reads a Basic challenge', () => {
    expect(parseChallenge('Basic realm="basic-realm"')).toEqual({ scheme: 'basic', realm: 'basic-realm' });
  });
  it('gives undefined for other schemes or no realm', () => {
    expect(parseChallenge(undefined)).toBeUndefined();
    expect(parseChallenge('Negotiate abc')).toBeUndefined();
    expect(parseChallenge('Bearer service="s"')).toBeUndefined();
  });
});

describe('scopesFor', () => {
  const url = (path: string) => new URL(`http://127.0.0.1:1${path}`);
  it('asks pull for reads and pull,push for writes, on the repository of the path', () => {
    expect(scopesFor('GET', url('/v2/bench/pull/manifests/latest'))).toEqual(['repository:bench/pull:pull']);
    expect(scopesFor('HEAD', url('/v2/a/b/c/blobs/sha256:00'))).toEqual(['repository:a/b/c:pull']);
    expect(scopesFor('PATCH', url('/v2/bench/big/blobs/uploads/1234?_state=x'))).toEqual(['repository:bench/big:pull,push']);
    expect(scopesFor('DELETE', url('/v2/p/r/manifests/sha256:00'))).toEqual(['repository:p/r:delete']);
    expect(scopesFor('GET', url('/v2/p/r/tags/list'))).toEqual(['repository:p/r:pull']);
  });
  it('adds the session actions, as a push session asks pull,push even for its HEADs', () => {
    expect(scopesFor('HEAD', url('/v2/p/r/blobs/sha256:00'), ['pull', 'push'])).toEqual(['repository:p/r:pull,push']);
  });
  it('adds pull on the source of a mount, and knows the catalog and the base path', () => {
    expect(scopesFor('POST', url('/v2/p/to/blobs/uploads/?mount=sha256%3A00&from=p%2Ffrom'))).toEqual(['repository:p/to:pull,push', 'repository:p/from:pull']);
    expect(scopesFor('GET', url('/v2/_catalog?n=10'))).toEqual(['registry:catalog:*']);
    expect(scopesFor('GET', url('/v2/'))).toEqual([]);
  });
});

describe('mergeScopes and tokenUrl', () => {
  it('merges space-separated scope lists into one sorted list without duplicates', () => {
    expect(mergeScopes(['repository:b:pull'], ['repository:a:pull repository:b:pull'])).toEqual(['repository:a:pull', 'repository:b:pull']);
  });
  it('puts service and one scope parameter per scope on the realm', () => {
    const url = new URL(tokenUrl({ realm: 'http://h:1/service/token', service: 'harbor-registry' }, ['repository:a:pull', 'repository:b:pull,push']));
    expect(url.searchParams.get('service')).toBe('harbor-registry');
    expect(url.searchParams.getAll('scope')).toEqual(['repository:a:pull', 'repository:b:pull,push']);
  });
});

describe('TokenCache', () => {
  function cache(expiresIn?: number) {
    let now = 0;
    let issued = 0;
    const tokens = new TokenCache(async (scopes) => ({ token: `t${++issued}:${scopes.join(' ')}`, ...(expiresIn === undefined ? {} : { expiresIn }) }), () => now);
    return { tokens, advance: (ms: number) => void (now += ms) };
  }

  it('fetches once per scope list and reuses the token until shortly before it expires', async () => {
    const { tokens, advance } = cache(1800);
    expect(await tokens.get(['repository:a:pull'])).toBe('t1:repository:a:pull');
    expect(await tokens.get(['repository:b:pull'])).toBe('t2:repository:b:pull');
    advance(1000 * (1800 - 6));
    expect(await tokens.get(['repository:a:pull'])).toBe('t1:repository:a:pull');
    advance(2000);
    expect(await tokens.get(['repository:a:pull'])).toBe('t3:repository:a:pull');
    expect(tokens.fetches).toBe(3);
  });
  it('assumes the spec default of 60 s when the reply has no expires_in', async () => {
    const { tokens, advance } = cache();
    await tokens.get(['s']);
    advance(54_000);
    await tokens.get(['s']);
    advance(2000);
    await tokens.get(['s']);
    expect(tokens.fetches).toBe(2);
  });
  it('shares one fetch between concurrent requests for the same scopes', async () => {
    const { tokens } = cache(60);
    const all = await Promise.all(Array.from({ length: 32 }, () => tokens.get(['repository:a:pull,push'])));
    expect(new Set(all).size).toBe(1);
    expect(tokens.fetches).toBe(1);
  });
  it('fetches again after drop (a 401 with a cached token)', async () => {
    const { tokens } = cache(60);
    await tokens.get(['s']);
    tokens.drop(['s']);
    expect(await tokens.get(['s'])).toBe('t2:s');
  });
  it('does not cache a failed fetch', async () => {
    let calls = 0;
    const tokens = new TokenCache(async () => {
      if (++calls === 1) throw new Error('503');
      return { token: 'ok', expiresIn: 60 };
    });
    await expect(tokens.get(['s'])).rejects.toThrow('503');
    expect(await tokens.get(['s'])).toBe('ok');
  });
});
