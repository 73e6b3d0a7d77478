import { draftOf, initialStreamContext, type DraftStreamContext } from '../domain';
import { forgetMemberFieldsNotSet } from './member-fields';

const context = (fields: Record<string, unknown>): DraftStreamContext => ({ ...draftOf(initialStreamContext()), fields: { ...fields } });

describe('forgetMemberFieldsNotSet', () => {
  it('keeps a carried context to its own fields and the member fields its batch set', () => {
    const organization = context({ name: 'Acme', 'roles.a.Accounts': 'member', 'roles.b.Accounts': 'owner', 'roles.c.Accounts': null });
    const account = context({ name: 'Ann' });
    const accountFields = account.fields;
    forgetMemberFieldsNotSet(
      new Map([
        ['organization-1', organization],
        ['account-1', account],
      ]),
      new Map([['organization-1', new Set(['roles.b.Accounts', 'roles.c.Accounts'])]]),
    );
    // Read for the batch, not set by it: its row has it, the next batch reads it from there.
    expect(organization.fields).toEqual({ name: 'Acme', 'roles.b.Accounts': 'owner', 'roles.c.Accounts': null });
    // Nothing to forget: the fields are left as they were, not copied.
    expect(account.fields).toBe(accountFields);
  });
});
