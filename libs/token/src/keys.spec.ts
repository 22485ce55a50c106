import { execFileSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { libtrustKeyId, loadPublicKey } from './keys';
import { rsaKeys, selfSignedCert } from './test/keys';

const keys = rsaKeys();
const cert = selfSignedCert(keys);

/** The key id computed by openssl and coreutils, independently of our base32 code. */
function keyIdByShell(publicPem: string): string {
  const script = 'openssl pkey -pubin -outform DER | openssl dgst -sha256 -binary | head -c 30 | base32 -w0';
  const encoded = execFileSync('sh', ['-c', script], { input: publicPem }).toString().trim();
  return (encoded.match(/.{4}/g) ?? []).join(':');
}

describe('libtrustKeyId', () => {
  it('is 12 groups of 4 base32 characters', () => {
    expect(libtrustKeyId(keys.publicPem)).toMatch(/^([A-Z2-7]{4}:){11}[A-Z2-7]{4}$/);
  });

  it('matches the id computed with openssl and base32', () => {
    expect(libtrustKeyId(keys.publicPem)).toBe(keyIdByShell(keys.publicPem));
    const other = rsaKeys();
    expect(libtrustKeyId(other.publicPem)).toBe(keyIdByShell(other.publicPem));
  });

  it('is the same for the public key, the private key, a KeyObject, a Buffer and the certificate', () => {
    const id = libtrustKeyId(keys.publicPem);
    expect(libtrustKeyId(keys.privatePem)).toBe(id);
    expect(libtrustKeyId(createPublicKey(keys.publicPem))).toBe(id);
    expect(libtrustKeyId(Buffer.from(keys.publicPem))).toBe(id);
    expect(libtrustKeyId(cert)).toBe(id);
  });

  it('differs between keys', () => {
    expect(libtrustKeyId(rsaKeys().publicPem)).not.toBe(libtrustKeyId(keys.publicPem));
  });
});

describe('loadPublicKey', () => {
  const spki = (pem: string | Buffer) => loadPublicKey(pem).export({ type: 'spki', format: 'der' });
  const expected = createPublicKey(keys.publicPem).export({ type: 'spki', format: 'der' });

  it('loads a PEM public key', () => {
    const key = loadPublicKey(keys.publicPem);
    expect(key.type).toBe('public');
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(spki(keys.publicPem)).toEqual(expected);
  });

  it('loads the public key of a certificate', () => {
    expect(cert).toContain('BEGIN CERTIFICATE');
    expect(spki(cert)).toEqual(expected);
    expect(spki(Buffer.from(cert))).toEqual(expected);
  });

  it('loads a PKCS#1 RSA public key', () => {
    const pkcs1 = createPublicKey(keys.publicPem).export({ type: 'pkcs1', format: 'pem' });
    expect(spki(pkcs1)).toEqual(expected);
  });

  it('refuses a private key', () => {
    expect(() => loadPublicKey(keys.privatePem)).toThrow(/private key/);
  });

  it('refuses something that is not PEM', () => {
    expect(() => loadPublicKey('not a key')).toThrow(/not a PEM public key or certificate/);
  });

  it('refuses a key that is not RSA', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' });
    expect(() => loadPublicKey(ec)).toThrow(/expected an RSA key, got ec/);
  });
});
