import type { MigrationInterface, QueryRunner } from 'typeorm';
import { signalChangesOf, stopSignallingChangesOf } from '@app/platform';

/** A client changed (its secret, redirect URIs, scopes) or deleted drops every process's cached clients. */
export class SignalOAuthClientChanges1764600000000 implements MigrationInterface {
  name = 'SignalOAuthClientChanges1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of signalChangesOf('oauth_clients')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of stopSignallingChangesOf('oauth_clients')) await queryRunner.query(statement);
  }
}
