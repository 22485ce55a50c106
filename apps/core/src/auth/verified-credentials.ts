import { createHmac, randomBytes } from 'node:crypto';

/**
 * Remembers recent successful checks of (name, secret) against a stored hash for a minute, so a
 * client that sends Basic auth on every request (docker, skopeo, the token service under load)
 * pays the slow KDF once, not per request. Keys are HMACs under a per-process key, so the map
 * holds no secret; an entry only matches while the stored hash is unchanged, so a password
 * change or robot secret refresh takes effect at once.
 */
export class VerifiedCredentials {
  private readonly key = randomBytes(32);
  private readonly entries = new Map<string, { storedHash: string; expiresAt: number }>();

  constructor(private readonly ttlMs = 60_000, private readonly maxEntries = 10_000) {}

  has(name: string, secret: string, storedHash: string, now = Date.now()): boolean {
    const id = this.id(name, secret);
    const entry = this.entries.get(id);
    if (!entry) return false;
    if (entry.expiresAt <= now || entry.storedHash !== storedHash) {
      this.entries.delete(id);
      return false;
    }
    return true;
  }

  remember(name: string, secret: string, storedHash: string, now = Date.now()): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(this.id(name, secret), { storedHash, expiresAt: now + this.ttlMs });
  }

  private id(name: string, secret: string): string {
    return createHmac('sha256', this.key).update(name).update('\0').update(secret).digest('base64');
  }
}
