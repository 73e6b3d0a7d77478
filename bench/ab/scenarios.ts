import { refreshGrants } from '../items/oauth';
import { accountCreations } from '../items/write';
import type { RequestVariant } from '../support/load';
import type { Seeder } from '../support/seeder';

/** What one side of an A/B loads: the request shapes and the status that means success. */
export interface Scenario {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly okStatus: number;
  readonly variants: readonly RequestVariant[];
}

/**
 * Item 4's load (POST /v2/accounts) over 50 organizations' owners, seeded through the API. The
 * organizations get 5,000 members first: from a few rows, the load would grow the tables some
 * hundredfold in a pass, and the plans made for their first size would not fit their last.
 */
async function accounts(seeder: Seeder, serverUrl: string): Promise<Scenario> {
  const owners = await seeder.signUp(50, 'ab', serverUrl);
  for (const owner of owners) owner.quota = 100;
  await seeder.grow(5_000);
  return { method: 'POST', path: '/v2/accounts', okStatus: 201, variants: accountCreations(owners.map((o) => o.ownerToken)) };
}

/** Item 5's load (the refresh_token grant of a confidential client) over 100 families of one organization. */
async function refresh(seeder: Seeder, serverUrl: string): Promise<Scenario> {
  const [organization] = await seeder.signUp(1, 'ab', serverUrl);
  organization.quota = 100;
  await seeder.grow(100);
  const members = organization.members.map((accountId) => ({ accountId, organizationId: organization.organizationId }));
  const variants = refreshGrants(await seeder.refreshTokens(members, serverUrl));
  return { method: 'POST', path: '/v2/token', okStatus: 200, variants };
}

/** Item 1's load (GET /v2/accounts/me with a Bearer token, answered from the caches) over 1,000 accounts' tokens. */
async function me(seeder: Seeder, serverUrl: string): Promise<Scenario> {
  const organizations = await seeder.signUp(10, 'ab', serverUrl);
  for (const organization of organizations) organization.quota = 100;
  await seeder.grow(1_000, organizations);
  const tokens = await seeder.issueAccessTokens(seeder.spreadMembers(1_000, organizations));
  return { method: 'GET', path: '/v2/accounts/me', okStatus: 200, variants: tokens.map((token) => ({ headers: { authorization: `Bearer ${token}` } })) };
}

/** Item 3's load (GET /v2/accounts/me with a Basic personal access token, answered from the caches) over 1,000 accounts' PATs. */
async function mePat(seeder: Seeder, serverUrl: string): Promise<Scenario> {
  const organizations = await seeder.signUp(10, 'ab', serverUrl);
  for (const organization of organizations) organization.quota = 100;
  await seeder.grow(1_000, organizations);
  const pats = await seeder.createPats(seeder.spreadMembers(1_000, organizations));
  return { method: 'GET', path: '/v2/accounts/me', okStatus: 200, variants: pats.map((authorization) => ({ headers: { authorization } })) };
}

/**
 * Item 5's load as it meets the full run's data: the families' organization has 10,000 members (the
 * full run's families belong to its largest organization).
 */
async function refreshLargeOrganization(seeder: Seeder, serverUrl: string): Promise<Scenario> {
  const [organization] = await seeder.signUp(1, 'ab', serverUrl);
  organization.quota = 10_000;
  await seeder.grow(10_000);
  const members = organization.members.slice(0, 100).map((accountId) => ({ accountId, organizationId: organization.organizationId }));
  const variants = refreshGrants(await seeder.refreshTokens(members, serverUrl));
  return { method: 'POST', path: '/v2/token', okStatus: 200, variants };
}

/** Item 5's load after 20,000 accounts were created through the service in 50 other organizations. */
async function refreshAfterWrites(seeder: Seeder, serverUrl: string): Promise<Scenario> {
  const scenario = await refresh(seeder, serverUrl);
  const others = await seeder.signUp(50, 'aw', serverUrl);
  for (const organization of others) organization.quota = 400;
  await seeder.grow(20_000, others);
  return scenario;
}

export const SCENARIOS = { accounts, refresh, me, mePat, refreshLargeOrganization, refreshAfterWrites } as const;
export type ScenarioName = keyof typeof SCENARIOS;
