import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit's documents (an entry, a stream's context) are written whole and read whole, never
 * looked into by a query, so they are kept as `json` (the text, checked) instead of `jsonb` (a
 * parsed tree): writing one no longer builds and copies its tree, and reading one no longer
 * prints it again. Both were most of the database's share of a rebuild's writes. Changing the
 * type keeps the statistics targets the earlier migration set (0: nothing to gather).
 */
export class AuditDocumentsAsJson1764800000600 implements MigrationInterface {
  name = 'AuditDocumentsAsJson1764800000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE audit_entries ALTER COLUMN entry TYPE json USING entry::json');
    await queryRunner.query('ALTER TABLE audit_stream_contexts ALTER COLUMN context TYPE json USING context::json');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE audit_entries ALTER COLUMN entry TYPE jsonb USING entry::jsonb');
    await queryRunner.query('ALTER TABLE audit_stream_contexts ALTER COLUMN context TYPE jsonb USING context::jsonb');
  }
}
