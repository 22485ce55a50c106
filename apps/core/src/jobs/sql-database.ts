import type { SqlDatabase, SqlRunner } from '@harbor-ts/jobs';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * The execution store's view of TypeORM. Queries go through a QueryRunner's structured result
 * because DataSource.query returns [rows, count] for UPDATE/DELETE, not the RETURNING rows.
 */
export function dataSourceDatabase(ds: DataSource): SqlDatabase {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      const runner = ds.createQueryRunner();
      try {
        return await rows<T>(runner, sql, params);
      } finally {
        await runner.release();
      }
    },
    async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
      const runner = ds.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        const result = await fn({ query: (sql, params) => rows(runner, sql, params) });
        await runner.commitTransaction();
        return result;
      } catch (err) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw err;
      } finally {
        await runner.release();
      }
    },
  };
}

async function rows<T>(runner: QueryRunner, sql: string, params?: readonly unknown[]): Promise<T[]> {
  const result = await runner.query(sql, params as unknown[] | undefined, true);
  return (result.records ?? []) as T[];
}
