import { Inject, Injectable } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import { mintRegistryToken } from '@harbor-ts/token';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { TokenKeyPair } from '../bootstrap/token-keys';
import { CORE_CONFIG } from '../tokens';

const LIFETIME_SEC = 300;
const REUSE_FOR_MS = 240_000;

/**
 * Tokens core presents to the registry on its own behalf (core has already authorised the
 * caller). One per repository and action set, reused for four of their five minutes so the
 * request path rarely signs anything.
 */
@Injectable()
export class InternalTokens {
  private readonly key: KeyObject;
  private readonly cache = new Map<string, { token: string; reuseUntil: number }>();

  constructor(keys: TokenKeyPair, @Inject(CORE_CONFIG) private readonly config: CoreConfig) {
    this.key = createPrivateKey(keys.privateKeyPem);
  }

  forRepository(name: string, actions: readonly string[] = ['pull', 'push', 'delete']): string {
    return this.get(`repository:${name}:${actions.join(',')}`, () => [{ type: 'repository', name, actions: [...actions] }]);
  }

  /** One token over several repositories (a mount reads the source and writes the target). */
  forRepositories(names: readonly string[]): string {
    const [target, ...sources] = names;
    return this.get(`repositories:${names.join(' ')}`, () => [
      { type: 'repository', name: target, actions: ['pull', 'push', 'delete'] },
      ...sources.map((name) => ({ type: 'repository', name, actions: ['pull'] })),
    ]);
  }

  private get(key: string, access: () => { type: string; name: string; actions: string[] }[]): string {
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.reuseUntil > now) return hit.token;
    if (this.cache.size > 10_000) this.cache.clear();
    const token = mintRegistryToken({
      issuer: this.config.token.issuer,
      service: this.config.token.service,
      subject: 'harbor-core',
      access: access(),
      expiresInSec: LIFETIME_SEC,
      privateKey: this.key,
    });
    this.cache.set(key, { token, reuseUntil: now + REUSE_FOR_MS });
    return token;
  }
}
