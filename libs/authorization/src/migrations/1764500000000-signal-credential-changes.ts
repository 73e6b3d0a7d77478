import type { MigrationInterface, QueryRunner } from 'typeorm';
import { signalChangesOf, stopSignallingChangesOf } from '@app/platform';

/** Revoking a token or PAT, or deleting a custom role, drops every process's cached credentials. */
export class SignalCredentialChanges1764500000000 implements MigrationInterface {
  name = 'SignalCredentialChanges1764500000000';

  private readonly tables = ['access_tokens', 'personal_access_tokens', 'custom_roles'];

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of this.tables.flatMap((table) => signalChangesOf(table))) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of this.tables.flatMap((table) => stopSignallingChangesOf(table))) await queryRunner.query(statement);
  }
}
