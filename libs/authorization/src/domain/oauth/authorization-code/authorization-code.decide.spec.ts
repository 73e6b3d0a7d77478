import { ConflictError, fold } from '@app/platform';
import { given } from '@app/platform/testing';
import { SecretNotHashed } from '../../secrets/token-hash';
import { OAuthError } from '../oauth-error';
import type { IssueAuthorizationCode, RedeemAuthorizationCode } from './authorization-code.commands';
import { authorizationCodeDecider } from './authorization-code.decide';
import { AuthorizationCodeAlreadyIssued, InvalidAuthorizationCodeCommand } from './authorization-code.errors';
import type { AuthorizationCodeEvent, AuthorizationCodeIssued, AuthorizationCodeRedeemed, AuthorizationCodeReused } from './authorization-code.events';
import { AUTHORIZATION_CODE_LIFETIME_SECONDS, AUTHORIZATION_CODE_MAX_LIFETIME_SECONDS, authorizationCodeExpiry } from './authorization-code.lifetime';
import { authorizationCodeOutcome, authorizationCodeRefusal, type AuthorizationCodeRefusalReason } from './authorization-code.outcome';
import { authorizationCodeStreamId } from './authorization-code.stream';

const grantId = '7d1e6c3a-2b4f-4e8a-9c0d-5f6a7b8c9d0e';
const codeHash = 'b'.repeat(64);
const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const issuedAt = '2026-03-01T08:00:00.000Z';
const expiresAt = '2026-03-01T08:05:00.000Z';
const redeemAt = '2026-03-01T08:01:00.000Z';
const laterAt = '2026-03-01T09:00:00.000Z';

const issue = (overrides: Partial<IssueAuthorizationCode> = {}): IssueAuthorizationCode => ({
  kind: 'IssueAuthorizationCode',
  grantId,
  codeHash,
  clientId: 'client-1',
  accountId: 'acc-1',
  organizationId: 'org-1',
  sessionId: 'session-1',
  redirectUri: 'https://app.example.com/cb',
  scopes: ['sessions--my:rw', 'accounts--my:ro', 'sessions--my:rw'],
  codeChallenge: challenge,
  codeChallengeMethod: 'S256',
  issuedAt,
  expiresAt,
  ...overrides,
});
const redeem = (overrides: Partial<RedeemAuthorizationCode> = {}): RedeemAuthorizationCode => ({
  kind: 'RedeemAuthorizationCode',
  grantId,
  codeHash,
  clientId: 'client-1',
  redirectUri: 'https://app.example.com/cb',
  codeVerifier: verifier,
  pkceOk: true,
  accessTokenId: 'at-1',
  refreshFamilyId: 'rf-1',
  at: redeemAt,
  ...overrides,
});

const issued: AuthorizationCodeIssued = {
  type: 'AuthorizationCodeIssued',
  data: {
    grant_id: grantId,
    code_hash: codeHash,
    client_id: 'client-1',
    account_id: 'acc-1',
    organization_id: 'org-1',
    session_id: 'session-1',
    redirect_uri: 'https://app.example.com/cb',
    scopes: ['accounts--my:ro', 'sessions--my:rw'],
    code_challenge: challenge,
    code_challenge_method: 'S256',
    issued_at: issuedAt,
    expires_at: expiresAt,
  },
};
const issuedWithoutPkce: AuthorizationCodeIssued = { ...issued, data: { ...issued.data, code_challenge: null, code_challenge_method: null } };
const redeemed: AuthorizationCodeRedeemed = {
  type: 'AuthorizationCodeRedeemed',
  data: { grant_id: grantId, client_id: 'client-1', account_id: 'acc-1', organization_id: 'org-1', access_token_id: 'at-1', refresh_family_id: 'rf-1', redeemed_at: redeemAt },
};
const reused = (detected_at = laterAt): AuthorizationCodeReused => ({
  type: 'AuthorizationCodeReused',
  data: { grant_id: grantId, client_id: 'client-1', account_id: 'acc-1', organization_id: 'org-1', access_token_id: 'at-1', refresh_family_id: 'rf-1', redeemed_at: redeemAt, detected_at },
});

function refusal(history: AuthorizationCodeEvent[], command: RedeemAuthorizationCode): OAuthError | undefined {
  try {
    authorizationCodeDecider.decide(command, fold(authorizationCodeDecider, history));
  } catch (error) {
    if (error instanceof OAuthError) return error;
    throw error;
  }
  return undefined;
}

describe('authorization code', () => {
  it('lives in an accessGrant stream, five minutes by default and ten at most', () => {
    expect(authorizationCodeStreamId(grantId)).toBe(`accessGrant-${grantId}`);
    expect(AUTHORIZATION_CODE_LIFETIME_SECONDS).toBe(300);
    expect(AUTHORIZATION_CODE_MAX_LIFETIME_SECONDS).toBe(600);
    expect(authorizationCodeExpiry(issuedAt)).toBe(expiresAt);
    expect(authorizationCodeExpiry(issuedAt, 600)).toBe('2026-03-01T08:10:00.000Z');
  });

  describe('IssueAuthorizationCode', () => {
    it('records the hash, never the code, with sorted scopes and the challenge', () => {
      given(authorizationCodeDecider, []).when(issue()).then([issued]);
    });

    it('records no PKCE as nulls', () => {
      given(authorizationCodeDecider, []).when(issue({ codeChallenge: undefined, codeChallengeMethod: undefined })).then([issuedWithoutPkce]);
      given(authorizationCodeDecider, []).when(issue({ codeChallenge: null, codeChallengeMethod: null })).then([issuedWithoutPkce]);
    });

    it('defaults the method to plain when a challenge comes without one', () => {
      given(authorizationCodeDecider, [])
        .when(issue({ codeChallengeMethod: undefined }))
        .then([{ ...issued, data: { ...issued.data, code_challenge_method: 'plain' } }]);
    });

    it('accepts a lifetime of exactly ten minutes', () => {
      given(authorizationCodeDecider, [])
        .when(issue({ expiresAt: '2026-03-01T08:10:00.000Z' }))
        .then([{ ...issued, data: { ...issued.data, expires_at: '2026-03-01T08:10:00.000Z' } }]);
    });

    it('refuses to issue the same grant twice', () => {
      given(authorizationCodeDecider, [issued]).when(issue()).thenThrows(AuthorizationCodeAlreadyIssued);
      given(authorizationCodeDecider, [issued, redeemed]).when(issue()).thenThrows(AuthorizationCodeAlreadyIssued);
      expect(new AuthorizationCodeAlreadyIssued()).toBeInstanceOf(ConflictError);
    });

    it.each([['dal:c29tZWNvZGU'], [codeHash.toUpperCase()], ['']])('refuses to record %j as the code hash', (hash) => {
      given(authorizationCodeDecider, []).when(issue({ codeHash: hash })).thenThrows(SecretNotHashed, /code_hash/);
    });

    it.each<[string, Partial<IssueAuthorizationCode>, RegExp]>([
      ['expires when issued', { expiresAt: issuedAt }, /after issuedAt/],
      ['expires before it is issued', { expiresAt: '2026-03-01T07:59:59.999Z' }, /after issuedAt/],
      ['lives a millisecond over ten minutes', { expiresAt: '2026-03-01T08:10:00.001Z' }, /600 seconds/],
      ['has no readable issue time', { issuedAt: 'now' }, /ISO 8601/],
      ['has no redirect URI', { redirectUri: '' }, /redirectUri/],
      ['has a method without challenge', { codeChallenge: undefined, codeChallengeMethod: 'S256' }, /without codeChallenge/],
      ['has a short challenge', { codeChallenge: 'a'.repeat(42) }, /code_challenge/],
      ['has an unknown method', { codeChallengeMethod: 'S512' as 'S256' }, /code_challenge_method/],
    ])('refuses a code that %s, as a bug rather than a client error', (_case, overrides, message) => {
      given(authorizationCodeDecider, []).when(issue(overrides)).thenThrows(InvalidAuthorizationCodeCommand, message);
    });
  });

  describe('RedeemAuthorizationCode', () => {
    it('redeems a live code once, naming the tokens it issues', () => {
      given(authorizationCodeDecider, [issued]).when(redeem()).then([redeemed]);
      expect(authorizationCodeOutcome(fold(authorizationCodeDecider, [issued]), redeem())).toBe('ok');
    });

    it('redeems without refresh token and without PKCE', () => {
      given(authorizationCodeDecider, [issuedWithoutPkce])
        .when(redeem({ codeVerifier: undefined, pkceOk: false, refreshFamilyId: null }))
        .then([{ ...redeemed, data: { ...redeemed.data, refresh_family_id: null } }]);
    });

    it('redeems a millisecond before expiry', () => {
      given(authorizationCodeDecider, [issued])
        .when(redeem({ at: '2026-03-01T08:04:59.999Z' }))
        .then([{ ...redeemed, data: { ...redeemed.data, redeemed_at: '2026-03-01T08:04:59.999Z' } }]);
    });

    it.each<[string, AuthorizationCodeEvent[], Partial<RedeemAuthorizationCode>, AuthorizationCodeRefusalReason]>([
      ['a grant never issued', [], {}, 'unknown_code'],
      ['another code for the same grant', [issued], { codeHash: 'c'.repeat(64) }, 'unknown_code'],
      ['another client', [issued], { clientId: 'client-2' }, 'wrong_client'],
      ['another client presenting a redeemed code', [issued, redeemed], { clientId: 'client-2' }, 'wrong_client'],
      ['at its expiry', [issued], { at: expiresAt }, 'code_expired'],
      ['after its expiry', [issued], { at: laterAt }, 'code_expired'],
      ['another redirect URI', [issued], { redirectUri: 'https://app.example.com/cb/' }, 'wrong_redirect_uri'],
      ['no redirect URI', [issued], { redirectUri: '' }, 'wrong_redirect_uri'],
      ['no verifier for a challenge', [issued], { codeVerifier: undefined }, 'pkce_verifier_missing'],
      ['an empty verifier for a challenge', [issued], { codeVerifier: '' }, 'pkce_verifier_missing'],
      ['a verifier that fails the challenge', [issued], { pkceOk: false }, 'pkce_failed'],
      ['a verifier without challenge (downgrade)', [issuedWithoutPkce], { codeVerifier: verifier }, 'pkce_not_requested'],
    ])('refuses %s with invalid_grant and records nothing', (_case, history, overrides, reason) => {
      const command = redeem(overrides);
      expect(authorizationCodeOutcome(fold(authorizationCodeDecider, history), command)).toBe(reason);
      const error = refusal(history, command);
      expect(error).toMatchObject({ status: 400, errorCode: 'invalid_grant', oauthCode: 'invalid_grant', reason });
    });

    it('records the first reuse so the tokens issued from the code can be revoked', () => {
      given(authorizationCodeDecider, [issued, redeemed]).when(redeem({ at: laterAt })).then([reused()]);
      expect(authorizationCodeOutcome(fold(authorizationCodeDecider, [issued, redeemed]), redeem({ at: laterAt }))).toBe('code_reused');
    });

    it('records a reuse after expiry too: the tokens may still live', () => {
      given(authorizationCodeDecider, [issued, redeemed])
        .when(redeem({ at: '2026-03-02T08:00:00.000Z' }))
        .then([reused('2026-03-02T08:00:00.000Z')]);
    });

    it('records a reuse whatever verifier or redirect URI comes with it', () => {
      given(authorizationCodeDecider, [issued, redeemed])
        .when(redeem({ at: laterAt, pkceOk: false, redirectUri: 'https://elsewhere.example.com/' }))
        .then([reused()]);
    });

    it('records a reuse only once', () => {
      given(authorizationCodeDecider, [issued, redeemed, reused()]).when(redeem({ at: '2026-03-01T10:00:00.000Z' })).then([]);
      const state = fold(authorizationCodeDecider, [issued, redeemed, reused(), reused('2026-03-01T10:00:00.000Z')]);
      expect(state).toMatchObject({ status: 'redeemed', reuseDetectedAt: laterAt, redeemedAt: redeemAt, accessTokenId: 'at-1', refreshFamilyId: 'rf-1' });
      expect(authorizationCodeOutcome(state, redeem())).toBe('code_reused');
    });

    it('answers a reuse with invalid_grant', () => {
      expect(authorizationCodeRefusal('code_reused')).toMatchObject({ status: 400, errorCode: 'invalid_grant', reason: 'code_reused', description: 'The authorization code was already used.' });
    });

    it('tells a foreign client no more than an unknown code would', () => {
      expect(authorizationCodeRefusal('wrong_client').description).toBe(authorizationCodeRefusal('unknown_code').description);
    });

    it('refuses an unreadable time as a bug', () => {
      given(authorizationCodeDecider, [issued]).when(redeem({ at: 'soon' })).thenThrows(InvalidAuthorizationCodeCommand);
    });

    it('never records the verifier', () => {
      const events = authorizationCodeDecider.decide(redeem(), fold(authorizationCodeDecider, [issued]));
      expect(JSON.stringify(events)).not.toContain(verifier);
    });
  });
});
