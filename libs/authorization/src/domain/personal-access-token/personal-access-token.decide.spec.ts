import { fold } from '@app/platform';
import { given } from '@app/platform/testing';
import { findPredefinedRoleByName } from '../roles/predefined-roles';
import { SecretNotHashed } from '../secrets/token-hash';
import type { PatRevocationReason } from './pat-revocation-reason';
import { PAT_REVOCATION_REASONS } from './pat-revocation-reason';
import type { CreatePersonalAccessToken, RevokePersonalAccessToken } from './personal-access-token.commands';
import { personalAccessTokenDecider } from './personal-access-token.decide';
import {
  InvalidPersonalAccessToken,
  InvalidPersonalAccessTokenCommand,
  PersonalAccessTokenAlreadyExists,
  PersonalAccessTokenNotFound,
  PersonalAccessTokenScopesNotHeld,
} from './personal-access-token.errors';
import type { PersonalAccessTokenCreated, PersonalAccessTokenEvent, PersonalAccessTokenRevoked } from './personal-access-token.events';

const patId = '7e2b9c41-0a6d-4f3e-8b15-c9d4e2f7a610';
const hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const createdAt = '2026-04-01T12:00:00.000Z';
const at = '2026-04-02T12:00:00.000Z';
const MEMBER = findPredefinedRoleByName('Accounts', 'member')!.scope;

const create = (overrides: Partial<CreatePersonalAccessToken> = {}): CreatePersonalAccessToken => ({
  kind: 'CreatePersonalAccessToken',
  patId,
  tokenHash: hash,
  accountId: 'ann',
  organizationId: 'org-1',
  name: 'CI deploys',
  scopes: ['sessions--my:ro', 'accounts--all:ro', 'sessions--my:ro'],
  callerScopes: MEMBER,
  createdAt,
  ...overrides,
});
const revoke = (overrides: Partial<RevokePersonalAccessToken> = {}): RevokePersonalAccessToken => ({
  kind: 'RevokePersonalAccessToken',
  patId,
  accountId: 'ann',
  reason: 'revoked',
  at,
  ...overrides,
});

const created: PersonalAccessTokenCreated = {
  type: 'PersonalAccessTokenCreated',
  data: {
    pat_id: patId,
    token_hash: hash,
    account_id: 'ann',
    organization_id: 'org-1',
    name: 'CI deploys',
    scopes: ['accounts--all:ro', 'sessions--my:ro'],
    created_at: createdAt,
  },
};
const revoked = (reason: PatRevocationReason = 'revoked'): PersonalAccessTokenRevoked => ({
  type: 'PersonalAccessTokenRevoked',
  data: { pat_id: patId, token_hash: hash, account_id: 'ann', organization_id: 'org-1', reason, revoked_at: at },
});

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
const decideFresh = (command: CreatePersonalAccessToken) => () => personalAccessTokenDecider.decide(command, personalAccessTokenDecider.initialState());

describe('personal access token decider', () => {
  describe('CreatePersonalAccessToken', () => {
    it('records the hash, never the PAT, with scopes deduplicated and sorted', () => {
      given(personalAccessTokenDecider, []).when(create()).then([created]);
    });

    it('accepts scopes the caller holds through a wider scope', () => {
      given(personalAccessTokenDecider, [])
        .when(create({ scopes: ['accounts--my:ro'], callerScopes: ['accounts--all:rw'] }))
        .then([{ ...created, data: { ...created.data, scopes: ['accounts--my:ro'] } }]);
    });

    it('refuses scopes the caller lacks, naming them, as 403 insufficient_scope', () => {
      const error = thrown(decideFresh(create({ scopes: ['organization--my:rw', 'accounts--my:ro', 'accounts--all:rw'] })));
      expect(error).toBeInstanceOf(PersonalAccessTokenScopesNotHeld);
      expect(error).toMatchObject({ scopes: ['accounts--all:rw', 'organization--my:rw'], status: 403, extras: { sub_error: 'insufficient_scope' } });
      expect((error as Error).message).toContain('accounts--all:rw, organization--my:rw');
    });

    it('refuses everything to a caller without scopes', () => {
      given(personalAccessTokenDecider, []).when(create({ callerScopes: [] })).thenThrows(PersonalAccessTokenScopesNotHeld);
    });

    it.each<[string, Partial<CreatePersonalAccessToken>, Record<string, string>]>([
      ['an empty name', { name: '' }, { name: 'must not be empty' }],
      ['a name of 129 characters', { name: 'n'.repeat(129) }, { name: 'must be at most 128 characters' }],
      ['no scopes', { scopes: [] }, { scopes: 'must list at least one scope' }],
      ['an unknown scope', { scopes: ['accounts--my:ro', 'accounts--my:wo', 'accounts--my:wo'] }, { scopes: 'unknown scope: accounts--my:wo' }],
      ['a blank name and no scopes', { name: ' ', scopes: [] }, { name: 'must not be empty', scopes: 'must list at least one scope' }],
    ])('refuses %s with 422, naming the field', (_case, overrides, invalidFields) => {
      const error = thrown(decideFresh(create(overrides)));
      expect(error).toBeInstanceOf(InvalidPersonalAccessToken);
      expect(error).toMatchObject({ status: 422, invalidFields });
    });

    it('checks the fields before the caller’s scopes', () => {
      given(personalAccessTokenDecider, []).when(create({ scopes: ['chats--all:rw'], callerScopes: [] })).thenThrows(InvalidPersonalAccessToken);
    });

    it('accepts a name of exactly 128 characters', () => {
      const name = 'n'.repeat(128);
      given(personalAccessTokenDecider, []).when(create({ name })).then([{ ...created, data: { ...created.data, name } }]);
    });

    it('refuses to record anything but a hash', () => {
      given(personalAccessTokenDecider, []).when(create({ tokenHash: 'my-secret-pat' })).thenThrows(SecretNotHashed);
    });

    it('refuses to create the same PAT twice, also after revocation', () => {
      given(personalAccessTokenDecider, [created]).when(create()).thenThrows(PersonalAccessTokenAlreadyExists);
      given(personalAccessTokenDecider, [created, revoked()]).when(create()).thenThrows(PersonalAccessTokenAlreadyExists);
    });
  });

  describe('RevokePersonalAccessToken', () => {
    it.each(PAT_REVOCATION_REASONS.map((reason) => [reason]))('lets the owner revoke it, with reason %s', (reason) => {
      given(personalAccessTokenDecider, [created])
        .when(revoke({ reason }))
        .then([revoked(reason)]);
    });

    it.each<[string, PersonalAccessTokenEvent[], Partial<RevokePersonalAccessToken>]>([
      ['a PAT that never existed', [], {}],
      ['a PAT already revoked', [created, revoked()], {}],
      ["another account's PAT", [created], { accountId: 'bob' }],
    ])('answers not found for %s', (_case, history, overrides) => {
      given(personalAccessTokenDecider, history).when(revoke(overrides)).thenThrows(PersonalAccessTokenNotFound);
    });

    it("answers another account exactly as if the PAT did not exist", () => {
      const forBob = thrown(() => personalAccessTokenDecider.decide(revoke({ accountId: 'bob' }), fold(personalAccessTokenDecider, [created])));
      const missing = thrown(() => personalAccessTokenDecider.decide(revoke({ accountId: 'bob' }), personalAccessTokenDecider.initialState()));
      expect(forBob).toEqual(missing);
      expect(forBob).toMatchObject({ status: 404, extras: { resource_name: 'personal_access_token', resource_id: patId } });
    });

    it('refuses a reason that cannot apply to a PAT', () => {
      given(personalAccessTokenDecider, [created])
        .when(revoke({ reason: 'session_removed' as PatRevocationReason }))
        .thenThrows(InvalidPersonalAccessTokenCommand, /session_removed/);
    });

    it('keeps the facts of a revoked PAT', () => {
      expect(fold(personalAccessTokenDecider, [created, revoked()])).toMatchObject({ status: 'revoked', accountId: 'ann', tokenHash: hash });
      expect(fold(personalAccessTokenDecider, [revoked()])).toEqual({ status: 'absent' });
    });
  });
});
