import type { DatabaseConfig } from '@harbor-ts/config';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { InitialSchema1700000000000 } from './migrations/1700000000000-initial-schema';
import { Labels1700000000001 } from './migrations/1700000000001-labels';
import { Jobs1700000000002 } from './migrations/1700000000002-jobs';
import { ImmutableTagRules1700000000003 } from './migrations/1700000000003-immutable-tag-rules';
import { Retention1700000000004 } from './migrations/1700000000004-retention';
import { Webhooks1700000000005 } from './migrations/1700000000005-webhooks';

/** Migrations in order; each runs once, recorded in the `migrations` table. */
export const MIGRATIONS = [
  InitialSchema1700000000000,
  Labels1700000000001,
  Jobs1700000000002,
  ImmutableTagRules1700000000003,
  Retention1700000000004,
  Webhooks1700000000005,
];

export function createDataSource(db: DatabaseConfig, logSql = false): DataSource {
  return new DataSource({
    type: 'postgres',
    host: db.host,
    port: db.port,
    username: db.user,
    password: db.password,
    database: db.database,
    ssl: db.ssl ? { rejectUnauthorized: false } : false,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Failed statements surface as errors the filter logs with the request id; TypeORM's own
    // console logger would print them a second time, parameters included.
    logging: logSql ? 'all' : false,
    extra: { max: db.poolMax, idleTimeoutMillis: db.idleTimeoutMs },
  });
}

/** Stacks start their core replicas together; an advisory lock lets one of them migrate. */
const MIGRATION_LOCK = 72_616_712;

export async function runMigrations(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
