/**
 * The scope catalogue of compat.md ("Roles and scopes"), written out for the tests so they do not
 * lean on the code they check. The owner role holds all of them.
 */
export const ALL_SCOPES = [
  'accounts--my:ro',
  'accounts--my:rw',
  'accounts--all:ro',
  'accounts--all:rc',
  'accounts--all:rw',
  'accounts.roles--all:ro',
  'accounts.roles--all:rw',
  'accounts.password--my:rw',
  'sessions--my:ro',
  'sessions--my:rw',
  'organization--my:rw',
] as const;
