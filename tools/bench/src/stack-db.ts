// The stack's PostgreSQL database and Redis keys: one database and one key prefix per stack,
// removed when the stack stops (or, for what is left, when the bench exits). SQL goes through
// psql on the machine's PostgreSQL, as the README's prerequisites install it.
import { execFileSync } from 'node:child_process';
import { pidsWhere } from './procfs';

export const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' } as const;
export const REDIS = { host: '127.0.0.1', port: 6379 } as const;

const PSQL_TIMEOUT_MS = 120_000;
const leftovers = new Map<string, string>();

/** A name unique to this bench process, run and side, usable unquoted in SQL and in Redis. */
export function stackNames(runDir: string): { database: string; redisPrefix: string } {
  const id = `${process.pid}_${runDir.replace(/[^A-Za-z0-9]/g, '_')}`.toLowerCase();
  return { database: `bench_${id}`, redisPrefix: `bench:${id}:` };
}

/** Runs SQL in a database with psql; returns what psql prints (unaligned, tuples only). */
export function psql(database: string, sql: string): string {
  const args = ['-h', PG.host, '-p', String(PG.port), '-U', PG.user, '-d', database, '-v', 'ON_ERROR_STOP=1', '-Atq', '-c', sql];
  return execFileSync('psql', args, { encoding: 'utf8', timeout: PSQL_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Remembers what to remove should the bench exit before the stack stops. */
export function registerLeftovers(database: string, redisPrefix: string): void {
  leftovers.set(database, redisPrefix);
}

/** Drops the database (closing core's connections) and deletes the keys under the prefix. */
export function removeStackData(database: string, redisPrefix: string): void {
  leftovers.delete(database);
  psql('postgres', `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  const script = "local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) n = n + 1 end return n";
  execFileSync('redis-cli', ['-h', REDIS.host, '-p', String(REDIS.port), 'EVAL', script, '0', `${redisPrefix}*`], { stdio: 'ignore', timeout: PSQL_TIMEOUT_MS });
}

/** Synchronous, for the bench's 'exit' handler: removes what stopped stacks left behind. */
export function removeLeftovers(log: (line: string) => void): void {
  for (const [database, prefix] of [...leftovers]) {
    try {
      removeStackData(database, prefix);
    } catch (error) {
      log(`could not remove ${database}: ${(error as Error).message}`);
    }
  }
}

/** The PostgreSQL backends serving one database: their CPU is the stack's. */
export function backendPids(database: string): number[] {
  return pidsWhere((cmdline) => cmdline.startsWith('postgres:') && cmdline.includes(` ${PG.user} ${database} `));
}
