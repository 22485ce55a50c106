import { constants, type KeyObject, verify } from 'node:crypto';
import { type RegistryTokenClaims, readClaims } from './claims';
import { TokenError } from './errors';
import { loadPublicKey, requireRsa } from './keys';
import { nowSeconds } from './time';

export interface VerifyOptions {
  /** PEM public key or X.509 certificate; pass a KeyObject from loadPublicKey to parse it once. */
  publicKey: string | Buffer | KeyObject;
  issuer: string;
  /** This registry's service name; must appear in `aud`. */
  service: string;
  /** Allowed clock skew for exp and nbf; Harbor and distribution allow 60 s. */
  clockToleranceSec?: number;
  /** Seconds since the epoch; defaults to the clock. */
  now?: number;
}

interface Jws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Verifies a registry bearer token and returns its claims, or throws a TokenError saying why
 * not. The algorithm is pinned to RS256 before the key is used: accepting the header's word
 * would let "none" or HS256-with-the-public-key-as-secret forge any token.
 */
export function verifyRegistryToken(token: string, opts: VerifyOptions): RegistryTokenClaims {
  const jws = decode(token);
  if (jws.header.alg !== 'RS256') {
    throw new TokenError('algorithm', `token algorithm ${String(jws.header.alg)} is not allowed (RS256 only)`);
  }
  const key = toPublicKey(opts.publicKey);
  const padding = constants.RSA_PKCS1_PADDING;
  if (!verify('sha256', Buffer.from(jws.signingInput), { key, padding }, jws.signature)) {
    throw new TokenError('signature', 'token signature does not verify with the configured key');
  }
  const claims = readClaims(jws.payload);
  checkClaims(claims, opts);
  return claims;
}

function checkClaims(claims: RegistryTokenClaims, opts: VerifyOptions): void {
  const now = nowSeconds(opts.now);
  const leeway = opts.clockToleranceSec ?? 60;
  if (claims.iss !== opts.issuer) {
    throw new TokenError('issuer', `token issuer '${claims.iss}' is not '${opts.issuer}'`);
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(opts.service)) {
    throw new TokenError('audience', `token audience does not include '${opts.service}'`);
  }
  // RFC 7519: the current time must be before exp and not before nbf.
  if (now >= claims.exp + leeway) throw new TokenError('expired', 'token has expired');
  if (claims.nbf !== undefined && now + leeway < claims.nbf) {
    throw new TokenError('not_yet_valid', 'token is not valid yet');
  }
}

/** Splits a compact JWS; anything that is not three base64url parts with JSON objects is malformed. */
function decode(token: string): Jws {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) {
    throw new TokenError('malformed', 'token is not a compact JWS (three base64url parts)');
  }
  const [header, payload, signature] = parts;
  return {
    header: jsonObject(header, 'header'),
    payload: jsonObject(payload, 'payload'),
    signingInput: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

function jsonObject(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new TokenError('malformed', `token ${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TokenError('malformed', `token ${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

function toPublicKey(key: string | Buffer | KeyObject): KeyObject {
  if (typeof key === 'string' || Buffer.isBuffer(key)) return loadPublicKey(key);
  if (key.type !== 'public') throw new Error('verifying a token needs a public key');
  return requireRsa(key);
}
