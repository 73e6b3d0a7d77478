import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit's member fields (a field per member and product of an organization) in rows of their
 * own, read and written one by one instead of inside their stream's context. Compared byte by byte
 * ("C"), so the fields of one member are a range of the primary key. The projection's version 2
 * rebuilds the audit into it.
 */
export class AuditMemberFields1764700000600 implements MigrationInterface {
  name = 'AuditMemberFields1764700000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE audit_member_fields (
      stream_id text NOT NULL,
      field text COLLATE "C" NOT NULL,
      value jsonb NOT NULL,
      PRIMARY KEY (stream_id, field)
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_member_fields');
  }
}
