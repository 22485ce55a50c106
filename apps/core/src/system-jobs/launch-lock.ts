import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * A PostgreSQL advisory lock held around "is one running? no: launch", so two manual runs
 * asked for at once, on one replica or two, cannot both pass the check.
 */
@Injectable()
export class LaunchLock {
  constructor(private readonly db: DataSource) {}

  async exclusively<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [`system-job:${name}`]);
      return await fn();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`system-job:${name}`]).catch(() => undefined);
      await runner.release();
    }
  }
}
