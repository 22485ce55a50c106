import { mintRegistryToken } from '@harbor-ts/token';
import { generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ApiClient, basicAuth } from '../support/api-client';
import { ADMIN, startTestStack, type TestStack, uniqueName } from '../support/test-stack';

let stack: TestStack;
let api: ApiClient;
let privateKey: string;

interface TokenBody {
  token: string;
  access_token: string;
  expires_in: number;
  issued_at: string;
}

function claimsOf(token: string): { sub: string; aud: string; iss: string; access: { type: string; name: string; actions: string[] }[]; jti: string } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

async function tokenFor(scope: string, auth?: { username: string; password: string }) {
  const headers: Record<string, string> = auth ? { authorization: basicAuth(auth) } : {};
  return fetch(`${stack.url}/service/token?service=harbor-registry&scope=${encodeURIComponent(scope)}`, { headers });
}

async function createUser(username: string, password: string): Promise<number> {
  const { hashSecret } = await import('../../src/auth/password');
  const [{ user_id }] = await stack.core.deps.db.query(`INSERT INTO harbor_user (username, password) VALUES ($1, $2) RETURNING user_id`, [username, await hashSecret(password)]);
  return user_id;
}

beforeAll(async () => {
  stack = await startTestStack();
  api = new ApiClient(stack.url);
  privateKey = await readFile(stack.config.token.privateKeyFile, 'utf8');
});
afterAll(() => stack.stop());

describe('GET /service/token', () => {
  it('issues an RS256 token with Harbor claims for the admin', async () => {
    const res = await tokenFor('repository:library/app:pull,push', ADMIN);
    expect(res.status).toBe(200);
    const body = (await res.json()) as TokenBody;
    expect(body.access_token).toBe('');
    expect(body.expires_in).toBe(1800);
    expect(Number.isNaN(Date.parse(body.issued_at))).toBe(false);
    const header = JSON.parse(Buffer.from(body.token.split('.')[0], 'base64url').toString('utf8'));
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(header.kid).toMatch(/^([A-Z2-7]{4}:){11}[A-Z2-7]{4}$/);
    const claims = claimsOf(body.token);
    expect(claims).toMatchObject({ sub: 'admin', aud: 'harbor-registry', iss: 'harbor-token-issuer' });
    expect(claims.jti).toHaveLength(16);
    expect(claims.access).toEqual([{ type: 'repository', name: 'library/app', actions: ['pull', 'push'] }]);
  });

  it('reduces scopes to what RBAC allows instead of failing', async () => {
    await createUser('tokenuser', 'Passw0rdX');
    const res = await tokenFor('repository:library/app:pull,push,delete repository:nosuch/app:pull registry:catalog:*', { username: 'tokenuser', password: 'Passw0rdX' });
    const claims = claimsOf(((await res.json()) as TokenBody).token);
    expect(claims.access).toEqual([
      { type: 'repository', name: 'library/app', actions: ['pull'] },
      { type: 'repository', name: 'nosuch/app', actions: [] },
      { type: 'registry', name: 'catalog', actions: [] },
    ]);
  });

  it('grants anonymous pull on public projects only, and falls back to anonymous on bad credentials', async () => {
    const anon = claimsOf(((await (await tokenFor('repository:library/app:pull,push')).json()) as TokenBody).token);
    expect(anon.sub).toBe('anonymous');
    expect(anon.access[0].actions).toEqual(['pull']);
    const bad = await tokenFor('repository:library/app:pull', { username: 'admin', password: 'nope' });
    expect(bad.status).toBe(200);
    expect(claimsOf(((await bad.json()) as TokenBody).token).sub).toBe('anonymous');
  });

  it('answers 401 to a login with bad credentials or none, and 400 to an unknown service', async () => {
    const noScope = await fetch(`${stack.url}/service/token?service=harbor-registry`, { headers: { authorization: basicAuth({ username: 'admin', password: 'bad' }) } });
    expect(noScope.status).toBe(401);
    expect(await noScope.json()).toEqual({ errors: [{ code: 'UNAUTHORIZED', message: 'invalid credentials' }] });
    expect((await fetch(`${stack.url}/service/token?service=harbor-registry`)).status).toBe(401);
    const svc = await fetch(`${stack.url}/service/token?service=other&scope=repository:library/a:pull`);
    expect(svc.status).toBe(400);
    expect(((await svc.json()) as { errors: { code: string }[] }).errors[0].code).toBe('BAD_REQUEST');
  });

  it('slows password guessing: a failed login locks the name for 1.5 s', async () => {
    await createUser('lockme', 'Passw0rdX');
    const login = (password: string) => fetch(`${stack.url}/service/token?service=harbor-registry`, { headers: { authorization: basicAuth({ username: 'lockme', password }) } });
    expect((await login('wrong')).status).toBe(401);
    expect((await login('Passw0rdX')).status).toBe(401);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await login('Passw0rdX')).status).toBe(200);
  });
});

describe('/v2 refuses forged, foreign and stale tokens', () => {
  const v2 = (token: string, path = '/v2/library/app/tags/list') => fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const mint = (over: Partial<Parameters<typeof mintRegistryToken>[0]> = {}) =>
    mintRegistryToken({ issuer: 'harbor-token-issuer', service: 'harbor-registry', subject: 'admin', access: [{ type: 'repository', name: 'library/app', actions: ['pull'] }], expiresInSec: 60, privateKey, ...over });

  it('accepts a genuine token (repository unknown → 404, not 401)', async () => {
    expect((await v2(mint())).status).toBe(404);
  });

  it('rejects alg none, another key, another audience, an expired token and an edited scope', async () => {
    const genuine = mint();
    const [, payload] = genuine.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const edited = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    edited.access[0].actions = ['pull', 'push', 'delete'];
    const tampered = [genuine.split('.')[0], Buffer.from(JSON.stringify(edited)).toString('base64url'), genuine.split('.')[2]].join('.');
    for (const token of [none, mint({ privateKey: other }), mint({ service: 'other-registry' }), mint({ now: Math.floor(Date.now() / 1000) - 3600 }), tampered]) {
      const res = await v2(token);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
  });

  it('does not open a project created after the token was issued', async () => {
    const name = uniqueName('late');
    const early = mint({ access: [{ type: 'repository', name: `${name}/app`, actions: ['pull', 'push'] }], now: Math.floor(Date.now() / 1000) - 30 });
    await stack.core.deps.db.query(`INSERT INTO project (name, owner_id) VALUES ($1, 1)`, [name]);
    const res = await v2(early, `/v2/${name}/app/tags/list`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('insufficient_scope');
  });

  it('keeps the catalog to the system admin', async () => {
    const adminToken = ((await (await tokenFor('registry:catalog:*', ADMIN)).json()) as TokenBody).token;
    expect((await v2(adminToken, '/v2/_catalog')).status).toBe(200);
    const userToken = ((await (await tokenFor('registry:catalog:*', { username: 'tokenuser', password: 'Passw0rdX' })).json()) as TokenBody).token;
    expect((await v2(userToken, '/v2/_catalog')).status).toBe(403);
    expect((await api.as({ username: 'tokenuser', password: 'Passw0rdX' }).get('/v2/_catalog')).status).toBe(403);
  });
});
