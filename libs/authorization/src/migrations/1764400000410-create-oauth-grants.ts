import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The token endpoint's lookups: authorization codes and refresh tokens by hash (never in clear),
 * refresh token families by session, client and account, and the family each access token came
 * from. Every hash a family ever had stays in refresh_tokens, so a rotated-away token still leads
 * to its family and its reuse is detected.
 */
export class CreateOAuthGrants1764400000410 implements MigrationInterface {
  name = 'CreateOAuthGrants1764400000410';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE authorization_codes (
      code_hash text PRIMARY KEY,
      grant_id uuid NOT NULL UNIQUE,
      client_id text NOT NULL,
      account_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      session_id uuid NOT NULL,
      code_challenge text,
      code_challenge_method text,
      issued_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      redeemed_at timestamptz,
      access_token_id uuid,
      refresh_family_id uuid,
      reuse_detected_at timestamptz
    )`);
    await queryRunner.query('CREATE INDEX authorization_codes_session ON authorization_codes (session_id)');
    await queryRunner.query(`CREATE TABLE refresh_token_families (
      family_id uuid PRIMARY KEY,
      client_id text NOT NULL,
      account_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      session_id uuid,
      scopes text[] NOT NULL,
      rotates boolean NOT NULL,
      issued_at timestamptz NOT NULL,
      last_used_at timestamptz,
      revoked_at timestamptz,
      revoke_reason text
    )`);
    await queryRunner.query('CREATE INDEX refresh_token_families_owner ON refresh_token_families (client_id, account_id, issued_at)');
    await queryRunner.query('CREATE INDEX refresh_token_families_session ON refresh_token_families (session_id)');
    await queryRunner.query(`CREATE TABLE refresh_tokens (
      token_hash text PRIMARY KEY,
      family_id uuid NOT NULL,
      issued_at timestamptz NOT NULL,
      retired_at timestamptz
    )`);
    await queryRunner.query('CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)');
    await queryRunner.query(`CREATE TABLE refresh_family_access_tokens (
      access_token_id uuid PRIMARY KEY,
      family_id uuid NOT NULL
    )`);
    await queryRunner.query('CREATE INDEX refresh_family_access_tokens_family ON refresh_family_access_tokens (family_id)');
    // Removing a session and the per-client limit look access tokens up by these.
    await queryRunner.query('CREATE INDEX access_tokens_session ON access_tokens (session_id) WHERE session_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX access_tokens_client_account ON access_tokens (client_id, account_id) WHERE client_id IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX access_tokens_client_account');
    await queryRunner.query('DROP INDEX access_tokens_session');
    await queryRunner.query('DROP TABLE refresh_family_access_tokens');
    await queryRunner.query('DROP TABLE refresh_tokens');
    await queryRunner.query('DROP TABLE refresh_token_families');
    await queryRunner.query('DROP TABLE authorization_codes');
  }
}
