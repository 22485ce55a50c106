import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Harbor's properties table: one row per setting that differs from its default. */
@Injectable()
export class ConfigurationsRepository {
  constructor(private readonly db: DataSource) {}

  async readAll(): Promise<Map<string, string>> {
    const rows: { k: string; v: string }[] = await this.db.query('SELECT k, v FROM properties');
    return new Map(rows.map((r) => [r.k, r.v]));
  }

  async upsert(tx: EntityManager, entries: readonly [string, string][]): Promise<void> {
    for (const [k, v] of entries) {
      await tx.query('INSERT INTO properties (k, v) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v', [k, v]);
    }
  }
}
