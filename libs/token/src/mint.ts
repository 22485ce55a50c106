import { createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { libtrustKeyId, requireRsa } from './keys';
import type { AccessEntry } from './scope';
import { nowSeconds } from './time';

export interface MintOptions {
  issuer: string;
  /** The registry's service name; becomes `aud`. */
  service: string;
  subject: string;
  access: AccessEntry[];
  expiresInSec: number;
  /** PEM private key (RSA). */
  privateKey: string | Buffer | KeyObject;
  /** Seconds since the epoch; defaults to the clock. */
  now?: number;
}

/**
 * Mints a registry bearer token: RS256, `kid` = libtrust key id so distribution-style
 * verifiers can pick the key, claims as Harbor's token service writes them.
 */
export function mintRegistryToken(opts: MintOptions): string {
  if (!Number.isInteger(opts.expiresInSec) || opts.expiresInSec <= 0) {
    throw new RangeError(`expiresInSec must be a positive whole number, got ${opts.expiresInSec}`);
  }
  const key = requireRsa(toPrivateKey(opts.privateKey));
  const now = nowSeconds(opts.now);
  const payload = {
    iss: opts.issuer,
    sub: opts.subject,
    aud: opts.service,
    exp: now + opts.expiresInSec,
    nbf: now,
    iat: now,
    // Harbor's jti is 16 random characters; 12 random bytes in base64url are exactly that.
    jti: randomBytes(12).toString('base64url'),
    access: opts.access.map((e) => ({ type: e.type, name: e.name, actions: [...e.actions] })),
  };
  return sign(payload, key, { algorithm: 'RS256', keyid: keyIdOf(key), header: { alg: 'RS256', typ: 'JWT' } });
}

// The key id is a hash of the public key's DER: the same for every token a key signs, so it is
// worked out once per key object rather than on every mint (the token service's hot path).
const keyIds = new WeakMap<KeyObject, string>();

function keyIdOf(key: KeyObject): string {
  let id = keyIds.get(key);
  if (id === undefined) {
    id = libtrustKeyId(key);
    keyIds.set(key, id);
  }
  return id;
}

function toPrivateKey(key: string | Buffer | KeyObject): KeyObject {
  const object = typeof key === 'string' || Buffer.isBuffer(key) ? createPrivateKey(key) : key;
  if (object.type !== 'private') throw new Error('minting a token needs the private key');
  return object;
}
