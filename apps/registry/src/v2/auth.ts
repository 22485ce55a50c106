import { OciError } from '@harbor-ts/oci';
import type { KeyObject } from 'node:crypto';
import { withResponseHeaders } from '../http/error-headers';
import {
  bearerToken,
  challengeHeader,
  formatScope,
  grants,
  TokenError,
  verifyRegistryToken,
  type AccessEntry,
  type RegistryTokenClaims,
} from '@harbor-ts/token';

export interface TokenAuthSettings {
  realm: string;
  service: string;
  issuer: string;
  /** Parsed once at start; re-parsing a PEM per request would cost more than the signature check. */
  publicKey: KeyObject;
}

/** Who made a request: the token subject, or anonymous in an open registry. */
export interface Principal {
  name: string;
  claims?: RegistryTokenClaims;
  /** Whether the principal may also use `action` on another repository (cross-repository mount). */
  may(type: string, name: string, action: string): boolean;
}

export const ANONYMOUS: Principal = { name: '', may: () => true };

/**
 * Token verification as distribution does it: no or bad token -> 401 with a challenge naming
 * the scope to ask for. A valid token that lists the resource without the action -> 403 DENIED:
 * the token service already decided, asking again would not help (Harbor's "denied:
 * requested access to the resource is denied").
 */
export class TokenAuthenticator {
  constructor(private readonly settings: TokenAuthSettings) {}

  authenticate(authorization: string | undefined, needed: AccessEntry | undefined): Principal {
    const claims = this.verify(authorization, needed);
    const principal: Principal = { name: claims.sub, claims, may: (t, n, a) => grants(claims, t, n, a) };
    if (!needed) return principal;
    const action = needed.actions[0];
    if (grants(claims, needed.type, needed.name, action)) return principal;
    const listed = claims.access.some((e) => e.type === needed.type && e.name === needed.name);
    if (listed) throw OciError.of('DENIED', { resource: formatScope(needed) });
    throw this.unauthorized(needed, 'insufficient_scope', 'insufficient scope');
  }

  private verify(authorization: string | undefined, needed: AccessEntry | undefined): RegistryTokenClaims {
    const token = bearerToken(authorization);
    if (!token) throw this.unauthorized(needed);
    try {
      return verifyRegistryToken(token, this.settings);
    } catch (err) {
      if (err instanceof TokenError) throw this.unauthorized(needed, 'invalid_token', err.reason);
      throw err;
    }
  }

  private unauthorized(needed: AccessEntry | undefined, error?: 'invalid_token' | 'insufficient_scope', why?: string): OciError {
    const scope = needed ? formatScope(needed) : undefined;
    const challenge = challengeHeader({ realm: this.settings.realm, service: this.settings.service, scope, error });
    const details = needed ? [{ Type: needed.type, Name: needed.name, Action: needed.actions[0] }] : undefined;
    return withResponseHeaders(OciError.of('UNAUTHORIZED', why ? { reason: why, access: details } : details), { 'WWW-Authenticate': challenge });
  }
}
