import { digestOf } from '@harbor-ts/oci';
import { mintRegistryToken, type AccessEntry } from '@harbor-ts/token';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, makeImage, pushImage } from '../support/http-client';
import { startTestRegistry, type TestRegistry } from '../support/test-registry';

const REALM = 'http://127.0.0.1:9/service/token';
const SERVICE = 'harbor-registry';
const ISSUER = 'harbor-token-issuer';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

function token(access: AccessEntry[], overrides: { issuer?: string; service?: string; issuedAgoSec?: number; key?: string } = {}): Record<string, string> {
  const jwt = mintRegistryToken({
    issuer: overrides.issuer ?? ISSUER,
    service: overrides.service ?? SERVICE,
    subject: 'alice',
    access,
    expiresInSec: 300,
    now: Math.floor(Date.now() / 1000) - (overrides.issuedAgoSec ?? 0),
    privateKey: overrides.key ?? privateKey,
  });
  return { authorization: `Bearer ${jwt}` };
}

const repo = (name: string, ...actions: string[]): AccessEntry => ({ type: 'repository', name, actions });

let reg: TestRegistry;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'auth-'));
  const publicKeyFile = join(dir, 'token.pub');
  await writeFile(publicKeyFile, keys.publicKey.export({ type: 'spki', format: 'pem' }));
  reg = await startTestRegistry({ auth: { realm: REALM, service: SERVICE, issuer: ISSUER, publicKeyFile } });
});
afterAll(() => reg.stop());

describe('token auth', () => {
  it('challenges a request without a token with realm, service and scope', async () => {
    const res = await call(`${reg.url}/v2/team/app/manifests/latest`);
    expect([res.status, res.code()]).toEqual([401, 'UNAUTHORIZED']);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer realm="${REALM}",service="${SERVICE}",scope="repository:team/app:pull"`);
    const base = await call(`${reg.url}/v2/`);
    expect(base.status).toBe(401);
    expect(base.headers.get('www-authenticate')).toBe(`Bearer realm="${REALM}",service="${SERVICE}"`);
  });

  it('accepts a valid token for what it grants: push, then pull', async () => {
    const image = makeImage('authed');
    const res = await pushImage(reg.url, 'team/app', 'v1', image, token([repo('team/app', 'pull', 'push')]));
    expect(res.status).toBe(201);
    const pulled = await call(`${reg.url}/v2/team/app/manifests/v1`, { headers: token([repo('team/app', 'pull')]) });
    expect(pulled.body.equals(image.manifest)).toBe(true);
    expect((await call(`${reg.url}/v2/`, { headers: token([]) })).status).toBe(200);
  });

  it('403 DENIED when the token lists the repository without the action; nothing is written', async () => {
    const image = makeImage('denied');
    const res = await call(`${reg.url}/v2/team/app/manifests/v2`, { method: 'PUT', body: image.manifest, headers: token([repo('team/app', 'pull')]) });
    expect([res.status, res.code()]).toEqual([403, 'DENIED']);
    const del = await call(`${reg.url}/v2/team/app/manifests/v1`, { method: 'DELETE', headers: token([repo('team/app', 'pull', 'push')]) });
    expect(del.code()).toBe('DENIED');
    expect((await call(`${reg.url}/v2/team/app/manifests/v1`, { headers: token([repo('team/app', 'pull')]) })).status).toBe(200);
  });

  it('401 insufficient_scope when the token does not cover the repository at all', async () => {
    const res = await call(`${reg.url}/v2/team/app/tags/list`, { headers: token([repo('other/repo', 'pull')]) });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(res.headers.get('www-authenticate')).toContain('scope="repository:team/app:pull"');
  });

  it.each([
    ['another key', { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string }],
    ['another issuer', { issuer: 'evil' }],
    ['another audience', { service: 'other-registry' }],
    ['an expired token', { issuedAgoSec: 900 }],
  ])('rejects %s with 401 invalid_token', async (_why, overrides) => {
    const res = await call(`${reg.url}/v2/team/app/tags/list`, { headers: token([repo('team/app', 'pull')], overrides) });
    expect([res.status, res.code()]).toEqual([401, 'UNAUTHORIZED']);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('rejects alg none and an access claim edited by the client', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const claims = { iss: ISSUER, sub: 'mallory', aud: SERVICE, exp: Math.floor(Date.now() / 1000) + 300, access: [repo('team/app', '*')] };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    expect((await call(`${reg.url}/v2/team/app/tags/list`, { headers: { authorization: `Bearer ${header}.${payload}.` } })).status).toBe(401);
    const [h, , sig] = token([repo('team/app', 'pull')]).authorization.slice(7).split('.');
    const forged = `${h}.${payload}.${sig}`;
    expect((await call(`${reg.url}/v2/team/app/tags/list`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    expect((await call(`${reg.url}/v2/team/app/tags/list`, { headers: { authorization: 'Basic YWRtaW46SGFyYm9yMTIzNDU=' } })).status).toBe(401);
  });

  it('needs registry:catalog:* for the catalog', async () => {
    expect((await call(`${reg.url}/v2/_catalog`, { headers: token([repo('team/app', 'pull')]) })).status).toBe(401);
    const res = await call(`${reg.url}/v2/_catalog`, { headers: token([{ type: 'registry', name: 'catalog', actions: ['*'] }]) });
    expect(res.json()).toEqual({ repositories: ['team/app'] });
  });

  it('mounts across repositories only when the token may pull the source', async () => {
    const layer = digestOf(makeImage('authed').layers[0]);
    const denied = await call(`${reg.url}/v2/team/copy/blobs/uploads/?mount=${layer}&from=team/app`, { method: 'POST', headers: token([repo('team/copy', 'pull', 'push')]) });
    expect(denied.status).toBe(202);
    const mounted = await call(`${reg.url}/v2/team/copy/blobs/uploads/?mount=${layer}&from=team/app`, {
      method: 'POST',
      headers: token([repo('team/copy', 'pull', 'push'), repo('team/app', 'pull')]),
    });
    expect(mounted.status).toBe(201);
  });
});
