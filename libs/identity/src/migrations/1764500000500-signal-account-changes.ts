import type { MigrationInterface, QueryRunner } from 'typeorm';
import { signalChangesOf, stopSignallingChangesOf } from '@app/platform';

/**
 * An account changed or deleted drops every process's cached account views (and, as every signal
 * does, the other read-model caches). New rows need no signal: only found accounts are cached.
 */
export class SignalAccountChanges1764500000500 implements MigrationInterface {
  name = 'SignalAccountChanges1764500000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of signalChangesOf('accounts')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of stopSignallingChangesOf('accounts')) await queryRunner.query(statement);
  }
}
