import { consentCovers, decide, oauthConsentDecider } from './consent.decide';

const grant = (scopes: string[]) => ({ kind: 'GrantOAuthConsent' as const, accountId: 'a', clientId: 'c', scopes, at: '2026-11-28T12:00:00.000Z' });

describe('OAuth consent', () => {
  it('records the first consent with its scopes, sorted', () => {
    expect(decide(grant(['sessions--my:ro', 'accounts--my:ro']), oauthConsentDecider.initialState())).toEqual([
      { type: 'OAuthConsentGranted', data: { account_id: 'a', client_id: 'c', scopes: ['accounts--my:ro', 'sessions--my:ro'], granted_at: '2026-11-28T12:00:00.000Z' } },
    ]);
  });

  it('adds newly allowed scopes to the earlier ones, and records nothing when nothing is new', () => {
    const state = { scopes: ['accounts--my:ro'] };
    expect(decide(grant(['accounts--my:ro']), state)).toEqual([]);
    expect(decide(grant(['sessions--my:ro']), state)[0].data.scopes).toEqual(['accounts--my:ro', 'sessions--my:ro']);
  });

  it('covers a request only when every requested scope was allowed', () => {
    expect(consentCovers(['accounts--my:ro', 'sessions--my:ro'], ['accounts--my:ro'])).toBe(true);
    expect(consentCovers(['accounts--my:ro'], ['accounts--my:ro', 'sessions--my:ro'])).toBe(false);
    expect(consentCovers([], [])).toBe(true);
  });
});
