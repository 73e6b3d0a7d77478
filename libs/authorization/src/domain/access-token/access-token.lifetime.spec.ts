import { fold } from '@app/platform';
import { accessTokenDecider } from './access-token.decide';
import type { AccessTokenEvent } from './access-token.events';
import { ACCESS_TOKEN_LIFETIME_SECONDS, accessTokenExpiry, accessTokenStatus, secondsUntilExpiry } from './access-token.lifetime';

const issued: AccessTokenEvent = {
  type: 'AccessTokenIssued',
  data: {
    token_id: 't1',
    token_hash: 'a'.repeat(64),
    account_id: 'acc-1',
    organization_id: 'org-1',
    client_id: null,
    session_id: null,
    scopes: [],
    issued_at: '2026-03-01T08:00:00.000Z',
    expires_at: '2026-03-01T16:00:00.000Z',
  },
};
const revoked: AccessTokenEvent = {
  type: 'AccessTokenRevoked',
  data: { token_id: 't1', token_hash: 'a'.repeat(64), account_id: 'acc-1', organization_id: 'org-1', client_id: null, reason: 'revoked', revoked_by: 'acc-1', revoked_at: '2026-03-01T09:00:00.000Z' },
};

describe('access token lifetime', () => {
  it('lasts 8 hours', () => {
    expect(ACCESS_TOKEN_LIFETIME_SECONDS).toBe(28_800);
    expect(accessTokenExpiry('2026-03-01T08:00:00.000Z')).toBe('2026-03-01T16:00:00.000Z');
    expect(accessTokenExpiry('2026-03-01T20:30:00.000Z')).toBe('2026-03-02T04:30:00.000Z');
    expect(accessTokenExpiry('2026-03-01T08:00:00.000Z', 60)).toBe('2026-03-01T08:01:00.000Z');
  });

  it.each([
    ['2026-03-01T08:00:00.000Z', 28_800],
    ['2026-03-01T15:59:59.001Z', 0],
    ['2026-03-01T15:59:58.500Z', 1],
    ['2026-03-01T16:00:00.000Z', 0],
    ['2026-03-02T00:00:00.000Z', 0],
  ])('at %s has %i seconds left', (now, seconds) => {
    expect(secondsUntilExpiry('2026-03-01T16:00:00.000Z', now)).toBe(seconds);
  });

  it.each<[string, AccessTokenEvent[], string, string]>([
    ['a token never issued', [], '2026-03-01T09:00:00.000Z', 'missing'],
    ['a live token', [issued], '2026-03-01T15:59:59.999Z', 'active'],
    ['a token at its expiry', [issued], '2026-03-01T16:00:00.000Z', 'expired'],
    ['a revoked token before its expiry', [issued, revoked], '2026-03-01T09:00:00.000Z', 'revoked'],
    ['a revoked token after its expiry', [issued, revoked], '2026-03-02T09:00:00.000Z', 'revoked'],
  ])('calls %s %s', (_case, history, now, status) => {
    expect(accessTokenStatus(fold(accessTokenDecider, history), now)).toBe(status);
  });
});
