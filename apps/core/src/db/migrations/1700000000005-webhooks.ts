import type { MigrationInterface, QueryRunner } from 'typeorm';

// PLACEHOLDER owned by the webhooks work: replace the body with the real tables.
export class Webhooks1700000000005 implements MigrationInterface {
  name = 'Webhooks1700000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query('SELECT 1');
  }

  async down(): Promise<void> {}
}
