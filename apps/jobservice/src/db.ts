import type { DatabaseConfig } from '@harbor-ts/config';
import type { SqlDatabase, SqlRunner } from '@harbor-ts/jobs';
import { setTimeout as sleep } from 'node:timers/promises';
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
    transaction: <T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> => inTransaction(pool, (client) => fn(clientRunner(client))),
  };
}

/** Runs `work` in one transaction on a client of its own; any error rolls it back. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

function clientRunner(client: PoolClient): SqlRunner {
  return { query: async <T>(sql: string, params?: readonly unknown[]) => (await client.query(sql, params as unknown[])).rows as T[] };
}

/**
 * The same database, whose statements wait out a lost server (a PostgreSQL restart or failover):
 * a statement or transaction that failed for want of a connection is tried again, with backoff,
 * for up to `patienceMs`. For the writes that record a task's run, which must land or the task
 * would stay Running. A transaction whose COMMIT was in flight when the connection dropped may
 * apply twice, so only for writes where that is harmless.
 */
export function patientDatabase(db: SqlDatabase, log: Logger, patienceMs = 10 * 60_000): SqlDatabase {
  async function patiently<T>(work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + patienceMs;
    for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
      try {
        return await work();
      } catch (err) {
        if (!isConnectionError(err) || Date.now() + delay > deadline) throw err;
        log.warn({ err, retryInMs: delay }, 'database unreachable, retrying');
        await sleep(delay);
      }
    }
  }
  return {
    query: <T>(sql: string, params?: readonly unknown[]) => patiently(() => db.query<T>(sql, params)),
    transaction: <T>(fn: (tx: SqlRunner) => Promise<T>) => patiently(() => db.transaction(fn)),
  };
}

// Socket errors, and PostgreSQL's SQLSTATEs for a connection lost or refused: class 08, and
// admin_shutdown, crash_shutdown, cannot_connect_now (57P01-57P03) from a server going down or
// still starting. Anything else (a SQL error, a pool already ended) is not waited out.
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const SERVER_GOING_AWAY = new Set(['57P01', '57P02', '57P03']);

export function isConnectionError(err: unknown): boolean {
  // Read structurally: socket errors come from another realm than `Error` under jest's VM.
  const { code, message } = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') return SOCKET_ERRORS.has(code) || SERVER_GOING_AWAY.has(code) || code.startsWith('08');
  // pg's own words for a connection that closed under a query.
  return typeof message === 'string' && message.startsWith('Connection terminated');
}
