import { ConflictError, fold } from '@app/platform';
import { given } from '@app/platform/testing';
import { REVOCATION_REASONS } from '../../access-token/revocation-reason';
import { SecretNotHashed } from '../../secrets/token-hash';
import { OAuthError } from '../oauth-error';
import { REFRESH_FAMILY_REVOCATION_REASONS, isRefreshFamilyRevocationReason, type RefreshFamilyRevocationReason } from './refresh-family-revocation-reason';
import { refreshTokensRotate } from './refresh-token-rotation';
import type { IssueRefreshToken, RevokeRefreshFamily, UseRefreshToken } from './refresh-token.commands';
import { refreshTokenDecider } from './refresh-token.decide';
import { InvalidRefreshTokenCommand, RefreshTokenAlreadyIssued, RefreshTokenFamilyNotFound } from './refresh-token.errors';
import type { RefreshTokenEvent, RefreshTokenFamilyRevoked, RefreshTokenIssued, RefreshTokenRotated, RefreshTokenUsed } from './refresh-token.events';
import { refreshOutcome, refreshTokenRefusal, type RefreshOutcome } from './refresh-token.outcome';
import { refreshTokenStreamId } from './refresh-token.stream';

const familyId = '3c9b1f0e-6a2d-4b7c-8e5f-0a1b2c3d4e5f';
const h1 = 'a'.repeat(64);
const h2 = 'b'.repeat(64);
const h3 = 'c'.repeat(64);
const stranger = 'f'.repeat(64);
const t0 = '2026-03-01T08:00:00.000Z';
const t1 = '2026-03-01T16:00:00.000Z';
const t2 = '2026-03-02T00:00:00.000Z';
const t3 = '2026-03-02T08:00:00.000Z';

const issue = (overrides: Partial<IssueRefreshToken> = {}): IssueRefreshToken => ({
  kind: 'IssueRefreshToken',
  familyId,
  tokenHash: h1,
  clientId: 'client-1',
  accountId: 'acc-1',
  organizationId: 'org-1',
  sessionId: 'session-1',
  scopes: ['sessions--my:rw', 'accounts--my:ro'],
  rotates: true,
  accessTokenId: 'at-0',
  at: t0,
  ...overrides,
});
const use = (overrides: Partial<UseRefreshToken> = {}): UseRefreshToken => ({
  kind: 'UseRefreshToken',
  familyId,
  tokenHash: h1,
  clientId: 'client-1',
  newTokenHash: h2,
  accessTokenId: 'at-1',
  at: t1,
  ...overrides,
});
const revoke = (overrides: Partial<RevokeRefreshFamily> = {}): RevokeRefreshFamily => ({
  kind: 'RevokeRefreshFamily',
  familyId,
  reason: 'revoked',
  revokedBy: 'acc-1',
  at: t2,
  ...overrides,
});

const owner = { client_id: 'client-1', account_id: 'acc-1', organization_id: 'org-1' };
const issued = (rotates = true): RefreshTokenIssued => ({
  type: 'RefreshTokenIssued',
  data: { family_id: familyId, token_hash: h1, ...owner, session_id: 'session-1', scopes: ['accounts--my:ro', 'sessions--my:rw'], rotates, access_token_id: 'at-0', issued_at: t0 },
});
const used = (token_hash: string, access_token_id: string, used_at: string): RefreshTokenUsed => ({
  type: 'RefreshTokenUsed',
  data: { family_id: familyId, token_hash, ...owner, access_token_id, used_at },
});
const rotated = (previous_token_hash: string, token_hash: string, rotated_at: string): RefreshTokenRotated => ({
  type: 'RefreshTokenRotated',
  data: { family_id: familyId, previous_token_hash, token_hash, rotated_at },
});
const familyRevoked = (token_hash: string, access_token_ids: string[], reason: RefreshFamilyRevocationReason, revoked_by: string, revoked_at: string): RefreshTokenFamilyRevoked => ({
  type: 'RefreshTokenFamilyRevoked',
  data: { family_id: familyId, token_hash, ...owner, access_token_ids, reason, revoked_by, revoked_at },
});

/** A rotating family used once: h1 was rotated away for h2. */
const rotatedOnce: RefreshTokenEvent[] = [issued(), used(h1, 'at-1', t1), rotated(h1, h2, t1)];

function thrown(history: RefreshTokenEvent[], command: UseRefreshToken): unknown {
  try {
    refreshTokenDecider.decide(command, fold(refreshTokenDecider, history));
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('refresh token family', () => {
  it('lives in a refreshToken stream and rotates for public clients only', () => {
    expect(refreshTokenStreamId(familyId)).toBe(`refreshToken-${familyId}`);
    expect(refreshTokensRotate('public')).toBe(true);
    expect(refreshTokensRotate('confidential')).toBe(false);
  });

  it('revokes for the access token reasons and for reuse', () => {
    expect(REFRESH_FAMILY_REVOCATION_REASONS).toEqual(expect.arrayContaining([...REVOCATION_REASONS, 'reuse_detected', 'code_reused']));
    expect(isRefreshFamilyRevocationReason('reuse_detected')).toBe(true);
    expect(isRefreshFamilyRevocationReason('bored')).toBe(false);
  });

  describe('IssueRefreshToken', () => {
    it('records the hash, never the token, with sorted scopes', () => {
      given(refreshTokenDecider, []).when(issue()).then([issued()]);
      given(refreshTokenDecider, []).when(issue({ rotates: false })).then([issued(false)]);
    });

    it('records a missing session as null', () => {
      given(refreshTokenDecider, [])
        .when(issue({ sessionId: null }))
        .then([{ ...issued(), data: { ...issued().data, session_id: null } }]);
    });

    it('refuses to start the same family twice', () => {
      given(refreshTokenDecider, [issued()]).when(issue()).thenThrows(RefreshTokenAlreadyIssued);
      expect(new RefreshTokenAlreadyIssued()).toBeInstanceOf(ConflictError);
    });

    it.each([['opaque-refresh-token'], [h1.toUpperCase()], ['']])('refuses to record %j as the token hash', (tokenHash) => {
      given(refreshTokenDecider, []).when(issue({ tokenHash })).thenThrows(SecretNotHashed, /token_hash/);
    });

    it('refuses an unreadable time as a bug', () => {
      given(refreshTokenDecider, []).when(issue({ at: 'today' })).thenThrows(InvalidRefreshTokenCommand, /ISO 8601/);
    });
  });

  describe('UseRefreshToken on a rotating family (public client)', () => {
    it('uses the current token and rotates it', () => {
      given(refreshTokenDecider, [issued()]).when(use()).then([used(h1, 'at-1', t1), rotated(h1, h2, t1)]);
    });

    it('accepts only the newest token after rotation', () => {
      given(refreshTokenDecider, rotatedOnce)
        .when(use({ tokenHash: h2, newTokenHash: h3, accessTokenId: 'at-2', at: t2 }))
        .then([used(h2, 'at-2', t2), rotated(h2, h3, t2)]);
    });

    it('detects the reuse of a rotated-away token and revokes the family, naming its access tokens', () => {
      given(refreshTokenDecider, rotatedOnce)
        .when(use({ tokenHash: h1, newTokenHash: h3, accessTokenId: 'at-2', at: t2 }))
        .then([
          { type: 'RefreshTokenReuseDetected', data: { family_id: familyId, token_hash: h1, ...owner, detected_at: t2 } },
          familyRevoked(h2, ['at-0', 'at-1'], 'reuse_detected', 'system', t2),
        ]);
    });

    it('detects reuse of any older token, long after', () => {
      const twice = [...rotatedOnce, used(h2, 'at-2', t2), rotated(h2, h3, t2)];
      const events = refreshTokenDecider.decide(use({ tokenHash: h1, newTokenHash: stranger, at: t3 }), fold(refreshTokenDecider, twice));
      expect(events.map((e) => e.type)).toEqual(['RefreshTokenReuseDetected', 'RefreshTokenFamilyRevoked']);
      expect(events[1].data).toMatchObject({ token_hash: h3, access_token_ids: ['at-0', 'at-1', 'at-2'] });
    });

    it('after a reuse, refuses every token of the family, the newest too, and records nothing', () => {
      const afterReuse = [...rotatedOnce, { type: 'RefreshTokenReuseDetected', data: { family_id: familyId, token_hash: h1, ...owner, detected_at: t2 } } as RefreshTokenEvent, familyRevoked(h2, ['at-0', 'at-1'], 'reuse_detected', 'system', t2)];
      expect(thrown(afterReuse, use({ tokenHash: h2, newTokenHash: h3, at: t3 }))).toMatchObject({ errorCode: 'invalid_grant', reason: 'refresh_token_revoked' });
      expect(thrown(afterReuse, use({ tokenHash: h1, newTokenHash: h3, at: t3 }))).toMatchObject({ errorCode: 'invalid_grant', reason: 'refresh_token_revoked' });
    });

    it.each<[string, Partial<UseRefreshToken>, RegExp]>([
      ['without the new hash', { newTokenHash: undefined }, /needs newTokenHash/],
      ['with a null new hash', { newTokenHash: null }, /needs newTokenHash/],
      ['with the current hash as the new one', { newTokenHash: h1 }, /never had/],
    ])('refuses a rotation %s, as a bug', (_case, overrides, message) => {
      given(refreshTokenDecider, [issued()]).when(use(overrides)).thenThrows(InvalidRefreshTokenCommand, message);
    });

    it('refuses a retired hash as the new one, as a bug', () => {
      given(refreshTokenDecider, rotatedOnce).when(use({ tokenHash: h2, newTokenHash: h1, at: t2 })).thenThrows(InvalidRefreshTokenCommand, /never had/);
    });

    it('refuses an unhashed new token', () => {
      given(refreshTokenDecider, [issued()]).when(use({ newTokenHash: 'new-opaque-token' })).thenThrows(SecretNotHashed, /new_token_hash/);
    });
  });

  describe('UseRefreshToken on a non-rotating family (confidential client)', () => {
    it('uses the same token again and again', () => {
      given(refreshTokenDecider, [issued(false)]).when(use({ newTokenHash: undefined })).then([used(h1, 'at-1', t1)]);
      given(refreshTokenDecider, [issued(false), used(h1, 'at-1', t1)])
        .when(use({ newTokenHash: undefined, accessTokenId: 'at-2', at: t2 }))
        .then([used(h1, 'at-2', t2)]);
    });

    it('refuses a new hash, as a bug: the client would get a token nobody recorded', () => {
      given(refreshTokenDecider, [issued(false)]).when(use({ newTokenHash: h2 })).thenThrows(InvalidRefreshTokenCommand, /does not rotate/);
    });

    it('keeps the latest 25 access token ids to revoke with the family', () => {
      const history: RefreshTokenEvent[] = [issued(false)];
      for (let i = 1; i <= 30; i++) history.push(used(h1, `at-${i}`, t1));
      const events = refreshTokenDecider.decide(revoke(), fold(refreshTokenDecider, history));
      expect(events).toEqual([familyRevoked(h1, Array.from({ length: 25 }, (_, i) => `at-${i + 6}`), 'revoked', 'acc-1', t2)]);
    });
  });

  describe('refused uses', () => {
    it.each<[string, RefreshTokenEvent[], Partial<UseRefreshToken>, RefreshOutcome]>([
      ['a family never issued', [], {}, 'unknown'],
      ['a hash the family never had', [issued()], { tokenHash: stranger }, 'unknown'],
      ['another client with the current token', [issued()], { clientId: 'client-2' }, 'unknown'],
      ['another client with a retired token (no revocation)', rotatedOnce, { clientId: 'client-2', tokenHash: h1, newTokenHash: h3 }, 'unknown'],
      ['a revoked family', [issued(), familyRevoked(h1, ['at-0'], 'revoked', 'acc-1', t1)], {}, 'revoked'],
      ['a revoked non-rotating family', [issued(false), familyRevoked(h1, ['at-0'], 'password_changed', 'system', t1)], { newTokenHash: undefined }, 'revoked'],
    ])('refuses %s with invalid_grant and records nothing', (_case, history, overrides, outcome) => {
      const command = use(overrides);
      expect(refreshOutcome(fold(refreshTokenDecider, history), command)).toBe(outcome);
      const error = thrown(history, command);
      expect(error).toBeInstanceOf(OAuthError);
      expect(error).toMatchObject({ status: 400, errorCode: 'invalid_grant', reason: `refresh_token_${outcome}` });
    });

    it.each<[string, RefreshTokenEvent[], Partial<UseRefreshToken>, RefreshOutcome]>([
      ['the current token of a rotating family', [issued()], {}, 'ok'],
      ['the current token after rotation', rotatedOnce, { tokenHash: h2 }, 'ok'],
      ['a retired token', rotatedOnce, { tokenHash: h1 }, 'reuse'],
      ['the token of a non-rotating family, used before', [issued(false), used(h1, 'at-1', t1)], {}, 'ok'],
    ])('calls %s %s', (_case, history, overrides, outcome) => {
      expect(refreshOutcome(fold(refreshTokenDecider, history), use(overrides))).toBe(outcome);
    });

    it('answers reuse with invalid_grant after the revocation is recorded', () => {
      expect(refreshTokenRefusal('reuse')).toMatchObject({ status: 400, errorCode: 'invalid_grant', oauthCode: 'invalid_grant', reason: 'refresh_token_reuse' });
    });

    it('refuses an unhashed presented token as a bug', () => {
      expect(thrown([issued()], use({ tokenHash: 'opaque' }))).toBeInstanceOf(SecretNotHashed);
    });
  });

  describe('RevokeRefreshFamily', () => {
    it.each(REFRESH_FAMILY_REVOCATION_REASONS.map((reason) => [reason]))('revokes with reason %s, naming the current hash for caches', (reason) => {
      given(refreshTokenDecider, rotatedOnce)
        .when(revoke({ reason, revokedBy: 'system' }))
        .then([familyRevoked(h2, ['at-0', 'at-1'], reason, 'system', t2)]);
    });

    it('changes nothing when revoked again; the first reason stands', () => {
      const once = [issued(), familyRevoked(h1, ['at-0'], 'session_removed', 'system', t1)];
      given(refreshTokenDecider, once).when(revoke({ reason: 'password_changed' })).then([]);
      const state = fold(refreshTokenDecider, [...once, familyRevoked(h1, ['at-0'], 'account_deleted', 'system', t2)]);
      expect(state).toMatchObject({ status: 'revoked', revokedReason: 'session_removed', revokedAt: t1 });
    });

    it('answers not found for a family never issued', () => {
      given(refreshTokenDecider, []).when(revoke()).thenThrows(RefreshTokenFamilyNotFound);
      expect(new RefreshTokenFamilyNotFound(familyId)).toMatchObject({ status: 404, extras: { resource_name: 'token', resource_id: familyId } });
    });

    it('refuses an unknown reason as a bug', () => {
      given(refreshTokenDecider, [issued()])
        .when(revoke({ reason: 'bored' as RefreshFamilyRevocationReason }))
        .thenThrows(InvalidRefreshTokenCommand, /bored/);
    });
  });

  it('folds the family: current hash, retired hashes, access tokens and last use', () => {
    const folded = fold(refreshTokenDecider, rotatedOnce);
    expect(folded.status === 'absent' ? folded : { ...folded, retiredHashes: [...folded.retiredHashes] }).toEqual({
      status: 'active',
      familyId,
      clientId: 'client-1',
      accountId: 'acc-1',
      organizationId: 'org-1',
      sessionId: 'session-1',
      scopes: ['accounts--my:ro', 'sessions--my:rw'],
      rotates: true,
      currentHash: h2,
      retiredHashes: [h1],
      accessTokenIds: ['at-0', 'at-1'],
      issuedAt: t0,
      lastUsedAt: t1,
    });
  });

  it('keeps every hash a long-lived family rotated away, each earlier state its own', () => {
    let state = fold(refreshTokenDecider, [issued()]);
    const states = [];
    for (let n = 1; n <= 3_000; n++) {
      state = refreshTokenDecider.evolve(state, { type: 'RefreshTokenRotated', data: { family_id: familyId, token_hash: `hash-${n}`, previous_token_hash: `hash-${n - 1}`, rotated_at: t1 } });
      if (n % 1_000 === 0) states.push(state);
    }
    const retired = states.map((s) => (s.status === 'absent' ? 0 : s.retiredHashes.size));
    expect(retired).toEqual([1_000, 2_000, 3_000]);
    expect(states[0].status !== 'absent' && states[0].retiredHashes.has('hash-1500')).toBe(false);
    expect(states[2].status !== 'absent' && states[2].retiredHashes.has('hash-1500')).toBe(true);
  });
});
