import { execFileSync } from 'node:child_process';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestKeys {
  privatePem: string;
  publicPem: string;
}

/** A fresh 2048-bit RSA key pair in PEM (PKCS#8 private, SPKI public). */
export function rsaKeys(): TestKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Runs openssl in a scratch directory holding `files`; returns the named output file. */
export function openssl(args: string[], files: Record<string, string>, output: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-token-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    return readFileSync(join(dir, output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A self-signed X.509 certificate for the key, as Harbor's `prepare` makes root.crt. */
export function selfSignedCert(keys: TestKeys): string {
  const args = ['req', '-x509', '-key', 'key.pem', '-out', 'cert.pem', '-days', '1', '-subj', '/CN=harbor-token-ca', '-batch'];
  return openssl(args, { 'key.pem': keys.privatePem }, 'cert.pem').toString();
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Assembles a compact JWS from parts, for forging tokens the verifier must refuse. */
export function compact(header: unknown, payload: unknown, signature: Buffer | string = ''): string {
  const sig = typeof signature === 'string' ? signature : signature.toString('base64url');
  return `${b64url(header)}.${b64url(payload)}.${sig}`;
}

/** Signs any payload with RS256, bypassing a JWT library's own checks on the claims. */
export function signRs256(payload: unknown, privatePem: string): string {
  const unsigned = compact({ alg: 'RS256', typ: 'JWT' }, payload).slice(0, -1);
  return `${unsigned}.${createSign('sha256').update(unsigned).sign(privatePem, 'base64url')}`;
}
