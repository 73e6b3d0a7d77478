import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The refresh family lookup of every refresh_token grant (OAuthGrantsReadModel), as a function
 * that plans it once per connection and keeps that plan. As a prepared statement the server
 * planned it anew on every call: the hashes asked for make each custom plan look cheaper than the
 * generic one (one hash, not the ten it assumes of an array), yet both are the same index lookups,
 * and planning the lateral count of live tokens cost two thirds as much as running it.
 * `per_client_limit`: of the live tokens only those one more could push over it are returned, the
 * oldest first (ids and times as JSON arrays). It reads with its caller's snapshot (STABLE).
 */
export class PlanRefreshFamilyLookupOnce1764900000100 implements MigrationInterface {
  name = 'PlanRefreshFamilyLookupOnce1764900000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION oauth_refresh_families_by_token_hash(token_hashes text[], per_client_limit int)
      RETURNS TABLE (token_hash text, family_id uuid, rotates boolean, live_count int, oldest_ids json, oldest_times json)
      LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $lookup$
      BEGIN
        RETURN QUERY SELECT t.token_hash, f.family_id, f.rotates, l.live_count,
          to_json(l.ids[1:l.live_count - per_client_limit + 1]), to_json(l.times[1:l.live_count - per_client_limit + 1])
        FROM refresh_tokens t JOIN refresh_token_families f ON f.family_id = t.family_id
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS live_count, array_agg(a.token_id ORDER BY a.issued_at, a.token_id) AS ids, array_agg(a.issued_at ORDER BY a.issued_at, a.token_id) AS times
          FROM access_tokens a WHERE a.client_id = f.client_id AND a.account_id = f.account_id AND a.revoked_at IS NULL AND a.expires_at > now()) l
        WHERE t.token_hash = ANY(token_hashes);
      END $lookup$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION oauth_refresh_families_by_token_hash(text[], int)');
  }
}
