import { testMetadata } from '@app/platform/testing';
import { decodeCursor, encodeCursor, InvalidCursorError } from './audit-cursor';
import { describeEvent } from './describe-event';
import { draftOf, evolveStreamContext, evolveStreamContextInPlace, initialStreamContext, type AuditedEvent } from './stream-context';

let revision = 0;
const event = (streamId: string, type: string, data: Record<string, unknown>): AuditedEvent => ({
  streamId,
  revision: revision++,
  type,
  data,
  metadata: testMetadata({ actorId: 'a1', requestId: 'r1' }),
  position: { commit: 10n, prepare: BigInt(revision) },
});

describe('describing events for the audit', () => {
  it('given an account in an organization, when its password is set, then the entry belongs to that organization and shows no hash', () => {
    revision = 0;
    const created = event('account-1', 'AccountCreated', { account_id: '1', organization_id: 'o1', email_hash: 'ab'.repeat(32), name: null });
    const context = evolveStreamContext(initialStreamContext(), created);
    const entry = describeEvent(event('account-1', 'AccountPasswordSet', { account_id: '1', password_hash: '$argon2id$v=19$x' }), context);
    expect(entry).toMatchObject({ organization_ids: ['o1'], account_id: '1', changes: [{ field: 'password', after: '[redacted]' }], details: { account_id: '1' } });
    expect(JSON.stringify(entry)).not.toMatch(/argon2|abab/);
  });

  it('given a field set before, when it is updated, then the entry shows before -> after; a refolded old event changes nothing', () => {
    revision = 0;
    const created = event('organization-o', 'OrganizationCreated', { organization_id: 'o', name: 'Old', company: { phone: '1' } });
    const context = evolveStreamContext(initialStreamContext(), created);
    const updated = event('organization-o', 'OrganizationUpdated', { organization_id: 'o', changes: { name: 'New', company: { phone: null } } });
    expect(describeEvent(updated, context).changes).toEqual([
      { field: 'name', before: 'Old', after: 'New' },
      { field: 'company.phone', before: '1', after: null },
    ]);
    expect(evolveStreamContext(context, created)).toBe(context);
  });

  it('given a member with roles held in any order, when removed, then the entry lists the roles going in field order', () => {
    revision = 5;
    const removed = event('organization-o', 'OrganizationMemberRemoved', { organization_id: 'o', account_id: 'u' });
    const held = (fields: Record<string, unknown>) => ({ ...draftOf(initialStreamContext()), revision: 4, organizationIds: ['o'], fields });
    const inSetOrder = describeEvent(removed, held({ 'roles.u.Billing': 'member', 'roles.u.Accounts': 'owner', 'roles.u.Chat': null, 'roles.v.Accounts': 'member' }));
    const inReadOrder = describeEvent(removed, held({ 'roles.v.Accounts': 'member', 'roles.u.Accounts': 'owner', 'roles.u.Billing': 'member' }));
    expect(inSetOrder.changes).toEqual([
      { field: 'roles.u.Accounts', before: 'owner', after: null },
      { field: 'roles.u.Billing', before: 'member', after: null },
    ]);
    expect(inReadOrder.changes).toEqual(inSetOrder.changes);
  });

  it('given a session stream, when it ends, then the entry finds the organization and session from its start', () => {
    revision = 0;
    const started = event('session-s', 'SessionStarted', { session_id: 's', account_id: 'u', organization_id: 'o' });
    const removed = describeEvent(event('session-s', 'SessionRemoved', { session_id: 's', account_id: 'u' }), evolveStreamContext(initialStreamContext(), started));
    expect(removed).toMatchObject({ organization_ids: ['o'], session_id: 's', account_id: 'u' });
  });

  it('redacts secret-looking keys of the details at any depth, in every event that has them, and nothing else', () => {
    revision = 0;
    const data = { client_id: 'c', client_secret_hash: 'h1', grant: { code_hash: 'h2', secret: null, scopes: ['a'] }, note: '$argon2id$v=19$x' };
    // Twice: the second entry is described with the keys' answers remembered from the first.
    for (const entry of [1, 2].map(() => describeEvent(event('oauthClient-c', 'OAuthClientSecretRotated', data), initialStreamContext()))) {
      expect(entry.details).toEqual({ client_id: 'c', client_secret_hash: '[redacted]', grant: { code_hash: '[redacted]', secret: null, scopes: ['a'] }, note: '[redacted]' });
    }
    expect(data.grant.code_hash).toBe('h2');
  });

  it('folds a context read back from its stored JSON like the one it was stored from, and stores it the same', () => {
    revision = 0;
    const started = event('session-s', 'SessionStarted', { session_id: 's', account_id: 'u', organization_id: 'o' });
    const folded = evolveStreamContext(initialStreamContext(), started);
    const stored = JSON.stringify(folded);
    const draft = draftOf(JSON.parse(stored));
    expect(JSON.stringify(draft)).toBe(JSON.stringify(draftOf(folded)));
    const next = event('session-s', 'SessionRemoved', { session_id: 's' });
    evolveStreamContextInPlace(draft, next);
    expect(draft).toEqual(evolveStreamContext(folded, next));
    expect(Object.keys(JSON.parse(JSON.stringify(draft))).sort()).toEqual(['accountId', 'fields', 'organizationIds', 'revision', 'sessionId']);
  });

  it('hides the email hash in reservation stream names', () => {
    expect(describeEvent(event(`accountEmail-${'c'.repeat(64)}`, 'AccountEmailReserved', { account_id: 'u' }), initialStreamContext()).stream).toBe('accountEmail-[redacted]');
  });

  it('round-trips cursors and refuses anything else', () => {
    expect(decodeCursor(encodeCursor('123/45'))).toEqual({ commit: 123n, prepare: 45n });
    for (const bad of ['', 'abc', Buffer.from('v1:1/').toString('base64url'), Buffer.from('v2:1/2').toString('base64url'), 'a+b/']) {
      expect(() => decodeCursor(bad)).toThrow(InvalidCursorError);
    }
  });
});
