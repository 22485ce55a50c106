import type { DatabaseConfig } from '@harbor-ts/config';
import type { SqlDatabase, SqlRunner } from '@harbor-ts/jobs';
import { Pool, type PoolClient } from 'pg';
import type { Logger } from 'pino';

/** An idle connection dropped by the server (restart, failover) is logged, not fatal. */
export function createPool(db: DatabaseConfig, log: Logger): Pool {
  const pool = new Pool({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
    ssl: db.ssl ? { rejectUnauthorized: false } : false,
    max: db.poolMax,
    idleTimeoutMillis: db.idleTimeoutMs,
  });
  pool.on('error', (err) => log.warn({ err }, 'idle database connection lost'));
  return pool;
}

/** The execution store's view of a pg Pool. */
export function poolDatabase(pool: Pool): SqlDatabase {
  return {
    query: async <T>(sql: string, params?: readonly unknown[]) => (await pool.query(sql, params as unknown[])).rows as T[],
    async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(clientRunner(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

function clientRunner(client: PoolClient): SqlRunner {
  return { query: async <T>(sql: string, params?: readonly unknown[]) => (await client.query(sql, params as unknown[])).rows as T[] };
}
