import { fold } from '@app/platform';
import { given } from '@app/platform/testing';
import { SecretNotHashed } from '../secrets/token-hash';
import type { IssueAccessToken, RevokeAccessToken } from './access-token.commands';
import { accessTokenDecider } from './access-token.decide';
import { AccessTokenAlreadyIssued, AccessTokenNotFound, InvalidAccessTokenCommand } from './access-token.errors';
import type { AccessTokenIssued, AccessTokenRevoked } from './access-token.events';
import { REVOCATION_REASONS, type RevocationReason } from './revocation-reason';

const tokenId = '5a0c3f1e-8b2d-4c6a-9e7f-1d3b5a7c9e20';
const hash = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const issuedAt = '2026-03-01T08:00:00.000Z';
const expiresAt = '2026-03-01T16:00:00.000Z';
const at = '2026-03-01T09:15:00.000Z';

const issue = (overrides: Partial<IssueAccessToken> = {}): IssueAccessToken => ({
  kind: 'IssueAccessToken',
  tokenId,
  tokenHash: hash,
  accountId: 'acc-1',
  organizationId: 'org-1',
  scopes: ['sessions--my:rw', 'accounts--my:ro', 'accounts--my:ro'],
  clientId: 'client-1',
  sessionId: 'session-1',
  issuedAt,
  expiresAt,
  ...overrides,
});
const revoke = (overrides: Partial<RevokeAccessToken> = {}): RevokeAccessToken => ({
  kind: 'RevokeAccessToken',
  tokenId,
  reason: 'revoked',
  revokedBy: 'acc-1',
  at,
  ...overrides,
});

const issued: AccessTokenIssued = {
  type: 'AccessTokenIssued',
  data: {
    token_id: tokenId,
    token_hash: hash,
    account_id: 'acc-1',
    organization_id: 'org-1',
    client_id: 'client-1',
    session_id: 'session-1',
    scopes: ['accounts--my:ro', 'sessions--my:rw'],
    issued_at: issuedAt,
    expires_at: expiresAt,
  },
};
const revoked = (reason: RevocationReason = 'revoked', revoked_by = 'acc-1'): AccessTokenRevoked => ({
  type: 'AccessTokenRevoked',
  data: { token_id: tokenId, token_hash: hash, account_id: 'acc-1', organization_id: 'org-1', client_id: 'client-1', reason, revoked_by, revoked_at: at },
});

describe('access token decider', () => {
  describe('IssueAccessToken', () => {
    it('records the hash, never the token, with scopes deduplicated and sorted', () => {
      given(accessTokenDecider, []).when(issue()).then([issued]);
    });

    it('records a missing client and session as null', () => {
      given(accessTokenDecider, [])
        .when(issue({ clientId: undefined, sessionId: undefined }))
        .then([{ ...issued, data: { ...issued.data, client_id: null, session_id: null } }]);
    });

    it('issues a token with no scopes (an OAuth grant may narrow to nothing)', () => {
      given(accessTokenDecider, [])
        .when(issue({ scopes: [] }))
        .then([{ ...issued, data: { ...issued.data, scopes: [] } }]);
    });

    it('refuses to issue the same token id twice', () => {
      given(accessTokenDecider, [issued]).when(issue()).thenThrows(AccessTokenAlreadyIssued);
      given(accessTokenDecider, [issued, revoked()]).when(issue()).thenThrows(AccessTokenAlreadyIssued);
    });

    it.each([['dal:Zm9vYmFyYmF6'], [hash.toUpperCase()], ['']])('refuses to record %j as a hash', (tokenHash) => {
      given(accessTokenDecider, []).when(issue({ tokenHash })).thenThrows(SecretNotHashed, /token_hash/);
    });

    it.each<[string, Partial<IssueAccessToken>]>([
      ['expires when issued', { expiresAt: issuedAt }],
      ['expires before it is issued', { expiresAt: '2026-03-01T07:59:59.999Z' }],
      ['has no readable issue time', { issuedAt: 'yesterday' }],
      ['has no readable expiry', { expiresAt: '' }],
    ])('refuses a token that %s, as a bug rather than a client error', (_case, overrides) => {
      given(accessTokenDecider, []).when(issue(overrides)).thenThrows(InvalidAccessTokenCommand);
    });
  });

  describe('RevokeAccessToken', () => {
    it.each(REVOCATION_REASONS.map((reason) => [reason]))('revokes with reason %s, repeating the hash and owner for caches', (reason) => {
      given(accessTokenDecider, [issued])
        .when(revoke({ reason, revokedBy: 'system' }))
        .then([revoked(reason, 'system')]);
    });

    it('revokes an expired token too', () => {
      given(accessTokenDecider, [issued])
        .when(revoke({ at: '2026-03-02T00:00:00.000Z' }))
        .then([{ ...revoked(), data: { ...revoked().data, revoked_at: '2026-03-02T00:00:00.000Z' } }]);
    });

    it('changes nothing when revoked again, whatever the reason', () => {
      given(accessTokenDecider, [issued, revoked()]).when(revoke()).then([]);
      given(accessTokenDecider, [issued, revoked()]).when(revoke({ reason: 'password_changed' })).then([]);
    });

    it('keeps the first revocation as the reason', () => {
      const state = fold(accessTokenDecider, [issued, revoked('session_removed'), revoked('account_deleted')]);
      expect(state).toMatchObject({ status: 'revoked', revokedReason: 'session_removed', revokedAt: at });
    });

    it('answers not found for a token that was never issued', () => {
      given(accessTokenDecider, []).when(revoke()).thenThrows(AccessTokenNotFound);
      expect(new AccessTokenNotFound(tokenId)).toMatchObject({ status: 404, extras: { resource_name: 'token', resource_id: tokenId } });
    });

    it('refuses an unknown reason', () => {
      given(accessTokenDecider, [issued])
        .when(revoke({ reason: 'bored' as RevocationReason }))
        .thenThrows(InvalidAccessTokenCommand, /bored/);
    });
  });
});
