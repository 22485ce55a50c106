import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * Loads the key that verifies registry tokens from a PEM public key or an X.509 certificate
 * (Harbor ships `root.crt`). Private keys are refused: the registry only ever needs the
 * public half, and accepting the private one would invite copying it onto more machines.
 */
export function loadPublicKey(pem: string | Buffer): KeyObject {
  const text = pem.toString();
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    throw new Error('expected a public key or certificate, got a private key');
  }
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch (err) {
    throw new Error(`not a PEM public key or certificate: ${(err as Error).message}`);
  }
  return requireRsa(key);
}

/** Tokens are RS256 only, so any other key type is a configuration mistake. */
export function requireRsa(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'rsa') {
    throw new Error(`expected an RSA key, got ${key.asymmetricKeyType ?? key.type}`);
  }
  return key;
}

function isPublicKeyObject(key: string | Buffer | KeyObject): key is KeyObject {
  return typeof key === 'object' && !Buffer.isBuffer(key) && key.type === 'public';
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding. */
function base32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff; // only the unread low bits matter
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/**
 * The libtrust key id Docker's token spec puts in the JWT `kid` header: sha256 of the DER
 * SPKI, first 240 bits, base32 without padding, 12 groups of 4 joined by ':'.
 * A private key is accepted too (its public half is used), so a minter can name its key.
 */
export function libtrustKeyId(publicKey: string | Buffer | KeyObject): string {
  const key = isPublicKeyObject(publicKey) ? publicKey : createPublicKey(publicKey);
  const der = key.export({ type: 'spki', format: 'der' });
  const digest = createHash('sha256').update(der).digest().subarray(0, 30);
  return (base32(digest).match(/.{4}/g) ?? []).join(':');
}
