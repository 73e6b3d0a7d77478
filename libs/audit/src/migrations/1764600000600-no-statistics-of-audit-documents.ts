import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No query filters or joins on the audit documents themselves (entries are found by their
 * columns, contexts by stream), so ANALYZE need not read and detoast them: statistics of these two
 * columns were most of the time an ANALYZE of the audit tables took after a rebuild.
 */
export class NoStatisticsOfAuditDocuments1764600000600 implements MigrationInterface {
  name = 'NoStatisticsOfAuditDocuments1764600000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE audit_entries ALTER COLUMN entry SET STATISTICS 0');
    await queryRunner.query('ALTER TABLE audit_stream_contexts ALTER COLUMN context SET STATISTICS 0');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE audit_entries ALTER COLUMN entry SET STATISTICS -1');
    await queryRunner.query('ALTER TABLE audit_stream_contexts ALTER COLUMN context SET STATISTICS -1');
  }
}
