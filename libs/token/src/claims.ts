import { TokenError } from './errors';
import type { AccessEntry } from './scope';

/** The claim set of a registry bearer token (Docker token spec, as Harbor issues it). */
export interface RegistryTokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  nbf?: number;
  iat?: number;
  jti?: string;
  access: AccessEntry[];
}

type Check<T> = (v: unknown) => v is T;

const isString: Check<string> = (v): v is string => typeof v === 'string';
const isTime: Check<number> = (v): v is number => typeof v === 'number' && Number.isFinite(v);
const isAudience: Check<string | string[]> = (v): v is string | string[] =>
  isString(v) || (Array.isArray(v) && v.every(isString));
const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v): v is T | undefined =>
    v === undefined || check(v);

function isAccessEntry(v: unknown): v is AccessEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return isString(e.type) && e.type !== '' && isString(e.name) && Array.isArray(e.actions) && e.actions.every(isString);
}

function invalid(what: string): never {
  throw new TokenError('claims', `token claim ${what} is missing or of the wrong type`);
}

/** Copies the access list. Go marshals an empty list as null, which means "nothing granted". */
function readAccess(v: unknown): AccessEntry[] {
  if (v === null) return [];
  if (!Array.isArray(v) || !v.every(isAccessEntry)) return invalid('access');
  return v.map((e) => ({ type: e.type, name: e.name, actions: [...e.actions] }));
}

/**
 * Checks the claim set's shape and returns a clean copy holding only the known claims.
 * Go issuers omit an empty `sub` (anonymous pulls), so it defaults to ''; a missing
 * `access` claim is refused: such a token was not issued for the registry.
 */
export function readClaims(payload: Record<string, unknown>): RegistryTokenClaims {
  const { iss, sub = '', aud, exp, nbf, iat, jti } = payload;
  if (!isString(iss)) return invalid('iss');
  if (!isString(sub)) return invalid('sub');
  if (!isAudience(aud)) return invalid('aud');
  if (!isTime(exp)) return invalid('exp');
  if (!optional(isTime)(nbf)) return invalid('nbf');
  if (!optional(isTime)(iat)) return invalid('iat');
  if (!optional(isString)(jti)) return invalid('jti');
  const claims: RegistryTokenClaims = { iss, sub, aud, exp, access: readAccess(payload.access) };
  if (nbf !== undefined) claims.nbf = nbf;
  if (iat !== undefined) claims.iat = iat;
  if (jti !== undefined) claims.jti = jti;
  return claims;
}

/** Whether the token allows `action` on the resource; a '*' action allows every action. */
export function grants(claims: RegistryTokenClaims, type: string, name: string, action: string): boolean {
  return claims.access.some(
    (e) => e.type === type && e.name === name && (e.actions.includes(action) || e.actions.includes('*')),
  );
}
