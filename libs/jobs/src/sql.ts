/**
 * The narrow database surface the execution store needs, so core (TypeORM) and jobservice
 * (a pg Pool) share one SQL. `query` returns the rows, also for UPDATE ... RETURNING.
 */
export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface SqlDatabase extends SqlRunner {
  /** Runs fn inside BEGIN/COMMIT on one connection (ROLLBACK when it throws). */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
}
