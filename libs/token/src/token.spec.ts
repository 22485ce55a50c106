import { createHmac, createPublicKey, createSign } from 'node:crypto';
import { decode as jwtDecode, sign as jwtSign, verify as jwtVerify } from 'jsonwebtoken';
import { grants, type RegistryTokenClaims } from './claims';
import { TokenError, type TokenErrorReason } from './errors';
import { libtrustKeyId, loadPublicKey } from './keys';
import { mintRegistryToken, type MintOptions } from './mint';
import { compact, rsaKeys, selfSignedCert, signRs256 } from './test/keys';
import { verifyRegistryToken, type VerifyOptions } from './verify';

const keys = rsaKeys();
const otherKeys = rsaKeys();
const NOW = 1_700_000_000;
const access = [{ type: 'repository', name: 'library/ubuntu', actions: ['pull', 'push'] }];

const mint = (o: Partial<MintOptions> = {}) =>
  mintRegistryToken({ issuer: 'harbor-token-issuer', service: 'harbor-registry', subject: 'admin', access, expiresInSec: 1800, privateKey: keys.privatePem, now: NOW, ...o });
const check = (token: string, o: Partial<VerifyOptions> = {}) =>
  verifyRegistryToken(token, { publicKey: keys.publicPem, issuer: 'harbor-token-issuer', service: 'harbor-registry', now: NOW, ...o });

function reasonOf(fn: () => unknown): TokenErrorReason | string {
  try {
    fn();
  } catch (err) {
    return err instanceof TokenError ? err.reason : `not a TokenError: ${String(err)}`;
  }
  return 'no error';
}

/** Signs any payload with RS256 and the right key, as a careless or foreign issuer might. */
const signRaw = (payload: object) => signRs256(payload, keys.privatePem);
const validPayload = { iss: 'harbor-token-issuer', sub: 'admin', aud: 'harbor-registry', exp: NOW + 60, access };

describe('mint and verify', () => {
  it('round-trips the claims', () => {
    const claims = check(mint());
    expect(claims).toEqual({
      iss: 'harbor-token-issuer',
      sub: 'admin',
      aud: 'harbor-registry',
      exp: NOW + 1800,
      nbf: NOW,
      iat: NOW,
      jti: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
      access,
    });
  });

  it('writes an RS256 header with the libtrust key id', () => {
    const decoded = jwtDecode(mint(), { complete: true });
    expect(decoded?.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: libtrustKeyId(keys.publicPem) });
  });

  it('gives every token its own jti', () => {
    expect(check(mint()).jti).not.toBe(check(mint()).jti);
  });

  it('produces tokens another JWT implementation accepts', () => {
    const payload = jwtVerify(mint(), keys.publicPem, { algorithms: ['RS256'], audience: 'harbor-registry', issuer: 'harbor-token-issuer', clockTimestamp: NOW });
    expect(payload).toMatchObject({ sub: 'admin', access });
  });

  it('accepts tokens another JWT implementation signed, with aud as a list', () => {
    const token = jwtSign({ ...validPayload, aud: ['other', 'harbor-registry'] }, keys.privatePem, { algorithm: 'RS256' });
    expect(check(token).aud).toEqual(['other', 'harbor-registry']);
  });

  it('verifies with a certificate, a Buffer or a loaded KeyObject', () => {
    const token = mint();
    const cert = selfSignedCert(keys);
    expect(check(token, { publicKey: cert }).sub).toBe('admin');
    expect(check(token, { publicKey: Buffer.from(keys.publicPem) }).sub).toBe('admin');
    expect(check(token, { publicKey: loadPublicKey(cert) }).sub).toBe('admin');
  });

  it('tolerates the Go encodings of an anonymous token: no sub, null access', () => {
    const claims = check(signRaw({ ...validPayload, sub: undefined, access: null }));
    expect(claims.sub).toBe('');
    expect(claims.access).toEqual([]);
  });

  it('refuses `now` in milliseconds', () => {
    expect(() => mint({ now: Date.now() })).toThrow(RangeError);
    expect(() => check(mint(), { now: Date.now() })).toThrow(RangeError);
  });

  it('refuses a non-positive lifetime and a public key for minting', () => {
    expect(() => mint({ expiresInSec: 0 })).toThrow(RangeError);
    expect(() => mint({ privateKey: createPublicKey(keys.publicPem) })).toThrow(/private key/);
  });
});

describe('verifyRegistryToken refuses', () => {
  const token = mint();
  const [header, payload, signature] = token.split('.');

  it('a tampered payload (signature)', () => {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as RegistryTokenClaims;
    claims.access = [{ type: 'repository', name: 'library/ubuntu', actions: ['*'] }];
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect(reasonOf(() => check(forged))).toBe('signature');
  });

  it('a token signed by another key (signature)', () => {
    expect(reasonOf(() => check(mint({ privateKey: otherKeys.privatePem })))).toBe('signature');
  });

  it('alg none (algorithm)', () => {
    expect(reasonOf(() => check(compact({ alg: 'none', typ: 'JWT' }, validPayload)))).toBe('algorithm');
    expect(reasonOf(() => check(compact({ alg: 'none' }, validPayload, signature)))).toBe('algorithm');
  });

  it('HS256 signed with the public PEM as the HMAC secret (algorithm)', () => {
    const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify(validPayload)).toString('base64url');
    const mac = createHmac('sha256', keys.publicPem).update(`${head}.${body}`).digest('base64url');
    expect(reasonOf(() => check(`${head}.${body}.${mac}`))).toBe('algorithm');
  });

  it('other RSA algorithms, even with the right key (algorithm)', () => {
    const rs384 = jwtSign(validPayload, keys.privatePem, { algorithm: 'RS384' });
    expect(reasonOf(() => check(rs384))).toBe('algorithm');
  });

  it('a signature over a different header (signature)', () => {
    const signer = createSign('sha256').update(`${header}.${payload}`);
    const sig = signer.sign(keys.privatePem, 'base64url');
    const otherHeader = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'x' })).toString('base64url');
    expect(reasonOf(() => check(`${otherHeader}.${payload}.${sig}`))).toBe('signature');
  });

  it('the wrong issuer (issuer)', () => {
    expect(reasonOf(() => check(mint({ issuer: 'someone-else' })))).toBe('issuer');
  });

  it('the wrong audience (audience)', () => {
    expect(reasonOf(() => check(mint({ service: 'other-registry' })))).toBe('audience');
    expect(reasonOf(() => check(signRaw({ ...validPayload, aud: ['a', 'b'] })))).toBe('audience');
  });

  it('an expired token (expired), allowing the clock tolerance', () => {
    const t = mint({ expiresInSec: 10 });
    expect(check(t, { now: NOW + 69 }).sub).toBe('admin');
    expect(reasonOf(() => check(t, { now: NOW + 70 }))).toBe('expired');
    expect(reasonOf(() => check(t, { now: NOW + 10, clockToleranceSec: 0 }))).toBe('expired');
  });

  it('a token whose nbf is in the future (not_yet_valid), allowing the clock tolerance', () => {
    const t = mint({ now: NOW + 300 });
    expect(reasonOf(() => check(t))).toBe('not_yet_valid');
    expect(check(t, { now: NOW + 240 }).sub).toBe('admin');
    expect(reasonOf(() => check(t, { now: NOW + 299, clockToleranceSec: 0 }))).toBe('not_yet_valid');
  });

  it.each<[string, object]>([
    ['missing access', { ...validPayload, access: undefined }],
    ['access not a list', { ...validPayload, access: 'repository:p/r:pull' }],
    ['access entry without actions', { ...validPayload, access: [{ type: 'repository', name: 'p/r' }] }],
    ['access actions not text', { ...validPayload, access: [{ type: 'repository', name: 'p/r', actions: [1] }] }],
    ['missing exp', { ...validPayload, exp: undefined }],
    ['exp as text', { ...validPayload, exp: String(NOW + 60) }],
    ['missing iss', { ...validPayload, iss: undefined }],
    ['aud as a number', { ...validPayload, aud: 7 }],
    ['sub as a number', { ...validPayload, sub: 7 }],
    ['nbf as text', { ...validPayload, nbf: 'now' }],
    ['jti as a number', { ...validPayload, jti: 7 }],
  ])('%s (claims)', (_name, bad) => {
    expect(reasonOf(() => check(signRaw(bad)))).toBe('claims');
  });

  it.each(['', 'abc', 'a.b', 'a.b.c.d', '!!.??.**', `${Buffer.from('[1]').toString('base64url')}.${payload}.${signature}`, `${header}.bm90IGpzb24.${signature}`])(
    'a malformed token %p (malformed)',
    (bad) => {
      expect(reasonOf(() => check(bad))).toBe('malformed');
    },
  );
});

describe('grants', () => {
  const claims = check(
    mint({
      access: [
        { type: 'repository', name: 'p/r', actions: ['pull'] },
        { type: 'repository', name: 'p/all', actions: ['*'] },
        { type: 'registry', name: 'catalog', actions: ['*'] },
      ],
    }),
  );

  it.each<[string, string, string, boolean]>([
    ['repository', 'p/r', 'pull', true],
    ['repository', 'p/r', 'push', false],
    ['repository', 'p/all', 'delete', true],
    ['repository', 'p/other', 'pull', false],
    ['registry', 'catalog', '*', true],
    ['registry', 'p/r', 'pull', false],
  ])('%s %s %s -> %p', (type, name, action, allowed) => {
    expect(grants(claims, type, name, action)).toBe(allowed);
  });
});
