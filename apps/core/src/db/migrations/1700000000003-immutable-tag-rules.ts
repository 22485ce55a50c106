import type { MigrationInterface, QueryRunner } from 'typeorm';

// PLACEHOLDER owned by the immutable-tag-rules work: replace the body with the real tables.
export class ImmutableTagRules1700000000003 implements MigrationInterface {
  name = 'ImmutableTagRules1700000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query('SELECT 1');
  }

  async down(): Promise<void> {}
}
