import { Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';

/**
 * Harbor's brake on password guessing: after a failed login a user name is locked for 1.5 s;
 * attempts during the lock fail without checking the password. Kept in Redis so every core
 * replica shares it.
 */
@Injectable()
export class LoginThrottle {
  static readonly LOCK_MS = 1500;

  constructor(private readonly redis: Redis) {}

  async isLocked(name: string): Promise<boolean> {
    return (await this.redis.exists(this.key(name))) === 1;
  }

  async recordFailure(name: string): Promise<void> {
    await this.redis.set(this.key(name), '1', 'PX', LoginThrottle.LOCK_MS);
  }

  private key(name: string): string {
    return `login-lock:${name}`;
  }
}
