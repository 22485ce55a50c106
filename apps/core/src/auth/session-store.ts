import { Inject, Injectable } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { CORE_CONFIG } from '../tokens';

export interface Session {
  userId: number;
  /** Sent back as X-Harbor-CSRF-Token; unsafe requests authenticated by the cookie must echo it. */
  csrfToken: string;
}

/** Portal sessions in Redis (as Harbor keeps them), expiring after session_timeout of inactivity. */
@Injectable()
export class SessionStore {
  private readonly ttlSeconds: number;

  constructor(private readonly redis: Redis, @Inject(CORE_CONFIG) config: CoreConfig) {
    this.ttlSeconds = config.sessionTimeoutMinutes * 60;
  }

  async create(userId: number): Promise<{ id: string; session: Session }> {
    const id = randomBytes(24).toString('base64url');
    const session: Session = { userId, csrfToken: randomBytes(24).toString('base64url') };
    await this.redis.set(this.key(id), JSON.stringify(session), 'EX', this.ttlSeconds);
    return { id, session };
  }

  /** Reads and slides the expiry; undefined for unknown, expired or malformed ids. */
  async touch(id: string): Promise<Session | undefined> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(id)) return undefined;
    const raw = await this.redis.getex(this.key(id), 'EX', this.ttlSeconds);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Partial<Session>;
    return typeof parsed.userId === 'number' && typeof parsed.csrfToken === 'string' ? (parsed as Session) : undefined;
  }

  async destroy(id: string): Promise<void> {
    await this.redis.del(this.key(id));
  }

  /** Ends every session of a user (password change, deletion). */
  async destroyUser(userId: number): Promise<void> {
    const stream = this.redis.scanStream({ match: `${this.redis.options.keyPrefix ?? ''}session:*`, count: 200 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      for (const key of keys) {
        const bare = key.slice((this.redis.options.keyPrefix ?? '').length);
        const raw = await this.redis.get(bare);
        if (raw && (JSON.parse(raw) as Session).userId === userId) await this.redis.del(bare);
      }
    }
  }

  private key(id: string): string {
    return `session:${id}`;
  }
}
