import { Inject, Injectable } from '@nestjs/common';
import type { CoreConfig } from '@harbor-ts/config';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { CORE_CONFIG } from '../tokens';

/** One component probe: resolves when healthy, rejects with a short reason otherwise. */
export interface HealthCheck {
  name: string;
  run(signal: AbortSignal): Promise<void>;
}

/** The components core depends on, probed the way Harbor's health controller does. */
@Injectable()
export class HealthChecks {
  constructor(
    private readonly db: DataSource,
    private readonly redis: Redis,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  all(): HealthCheck[] {
    const portal = this.config.portalUrl;
    return [
      // Answering this request is the proof core is up.
      { name: 'core', run: async () => undefined },
      { name: 'database', run: () => this.database() },
      { name: 'redis', run: () => this.ping() },
      { name: 'registry', run: (signal) => this.probe(this.config.registryUrl, signal) },
      ...(portal ? [{ name: 'portal', run: (signal: AbortSignal) => this.probe(portal, signal) }] : []),
    ];
  }

  private async database(): Promise<void> {
    await this.db.query('SELECT 1').catch((err: Error) => {
      throw new Error(`failed to run SQL "SELECT 1": ${err.message}`);
    });
  }

  private async ping(): Promise<void> {
    const answer = await this.redis.ping();
    if (answer !== 'PONG') throw new Error(`unexpected PING answer: ${answer}`);
  }

  /** A service's own /health: the registry's answers 200 while its storage does, the portal's while it serves. */
  private async probe(baseUrl: string, signal: AbortSignal): Promise<void> {
    const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/health`, { signal }).catch((err: Error) => {
      // The cause (ECONNREFUSED ...) is more telling than fetch's own "fetch failed".
      const cause = (err.cause as { code?: string } | undefined)?.code;
      throw new Error(`failed to check health: ${cause ?? err.message}`);
    });
    await res.body?.cancel();
    if (res.status !== 200) throw new Error(`received unexpected status code: ${res.status}`);
  }
}
