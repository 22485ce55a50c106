import { Inject, Injectable } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import { basicCredentials, bearerToken, loadPublicKey, type RegistryTokenClaims, verifyRegistryToken } from '@harbor-ts/token';
import type { KeyObject } from 'node:crypto';
import type { Request } from 'express';
import { Authenticator } from '../auth/authenticator';
import { SecurityContext } from '../auth/security-context';
import { TokenKeyPair } from '../bootstrap/token-keys';
import { CORE_CONFIG } from '../tokens';

/** Who is calling /v2: a bearer token from our token service, a Basic login, or nobody. */
export type V2Caller =
  | { kind: 'token'; claims: RegistryTokenClaims }
  | { kind: 'context'; ctx: SecurityContext }
  | { kind: 'rejected'; reason: string };

@Injectable()
export class V2CallerResolver {
  private readonly publicKey: KeyObject;

  constructor(
    private readonly authenticator: Authenticator,
    keys: TokenKeyPair,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {
    this.publicKey = loadPublicKey(keys.publicKeyPem);
  }

  async resolve(req: Request): Promise<V2Caller> {
    const header = req.headers.authorization;
    const token = bearerToken(header);
    if (token) {
      try {
        const claims = verifyRegistryToken(token, { publicKey: this.publicKey, issuer: this.config.token.issuer, service: this.config.token.service });
        return { kind: 'token', claims };
      } catch (err) {
        return { kind: 'rejected', reason: (err as Error).message };
      }
    }
    const basic = basicCredentials(header);
    if (basic) {
      const ctx = await this.authenticator.checkPassword(basic.username, basic.password);
      return ctx ? { kind: 'context', ctx } : { kind: 'rejected', reason: 'invalid username or password' };
    }
    if (header) return { kind: 'rejected', reason: 'unsupported authorization scheme' };
    return { kind: 'context', ctx: SecurityContext.anonymous() };
  }
}
