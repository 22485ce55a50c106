import type { MigrationInterface, QueryRunner } from 'typeorm';

// PLACEHOLDER owned by the retention work: replace the body with the real tables.
export class Retention1700000000004 implements MigrationInterface {
  name = 'Retention1700000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query('SELECT 1');
  }

  async down(): Promise<void> {}
}
