import { randomUUID } from 'node:crypto';
import { BrowserSession } from '../../support/browser-session';
import type { TestApp } from '../../support/test-app';

export interface Moment {
  readonly label: string;
  /** A time after the step's reply, before the next step. */
  readonly at: Date;
  /** GET /accounts/{member} and GET /organizations/me as the owner saw them then (null: 404). */
  readonly member: unknown;
  readonly organization: unknown;
  /** GET /accounts/me as the owner (never erased) saw it then. */
  readonly owner: unknown;
}

export interface ScriptedHistory {
  readonly organizationId: string;
  readonly ownerId: string;
  readonly memberId: string;
  readonly memberEmail: string;
  readonly memberName: string;
  readonly clientId: string;
  readonly patId: string;
  /** The X-Request-Id of each step, by step name. */
  readonly requests: Record<string, string>;
  readonly moments: Moment[];
}

const REDIRECT = 'https://audit.example.com/callback';
const pause = () => new Promise((resolve) => setTimeout(resolve, 15));

/**
 * create org, add an account, change its roles, reset its password, sign it in, make and revoke a
 * PAT, delete the account: each step with its own request id, and the API's view after some.
 */
export async function runScriptedHistory(api: TestApp): Promise<ScriptedHistory> {
  const requests: Record<string, string> = {};
  const moments: Moment[] = [];
  const call = async (step: string, method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    requests[step] = randomUUID();
    const response = await api.request(method, path, { headers: { ...headers, 'x-request-id': requests[step] }, body });
    if (response.status >= 300) throw new Error(`${step}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const ownerEmail = `audit-owner-${randomUUID()}@example.com`;
  const signedUp = await call('signUp', 'POST', '/organizations', {}, { email: ownerEmail, password: 'owner passphrase', organization: { name: 'Audited Inc' } });
  const owner = { authorization: `Bearer ${signedUp.access_token}` };
  const organizationId: string = signedUp.organization.organization_id;
  const memberEmail = `audit-member-${randomUUID()}@example.com`;
  const memberName = 'Bea Auditable';
  const member = await call('addAccount', 'POST', '/accounts', owner, { email: memberEmail, name: memberName, password: 'first passphrase' });
  const memberId: string = member.account_id;

  const snapshot = async (label: string) => {
    const [account, organization, self] = await Promise.all([
      api.request('GET', `/accounts/${memberId}`, { headers: owner }),
      api.request('GET', '/organizations/me', { headers: owner }),
      api.request('GET', '/accounts/me', { headers: owner }),
    ]);
    await pause();
    moments.push({ label, at: new Date(), member: account.status === 200 ? account.body : null, organization: organization.body, owner: self.body });
    await pause();
  };
  await snapshot('added');
  await call('setRoles', 'PUT', `/accounts/${memberId}/roles`, owner, { set_roles: [{ product: 'Accounts', role: 'administrator' }, { product: 'LiveChat', role: 'normal' }] });
  await call('rename', 'PATCH', `/accounts/${memberId}`, owner, { name: 'Bea Renamed' });
  await call('renameOrganization', 'PATCH', '/organizations/me', owner, { name: 'Audited Ltd' });
  await snapshot('promoted');
  await call('resetPassword', 'POST', `/accounts/${memberId}/password/reset`, owner, { password: 'second passphrase' });
  const client = await call('registerClient', 'POST', '/clients', owner, { name: 'Audit app', type: 'javascript_app', redirect_uri: REDIRECT, scopes: ['accounts--my:ro'] });
  requests.signIn = randomUUID();
  const browser = new BrowserSession(api.baseUrl, { 'x-request-id': requests.signIn });
  const signedIn = await browser.signIn(`/?${new URLSearchParams({ response_type: 'token', client_id: client.client_id, redirect_uri: REDIRECT })}`, memberEmail, 'second passphrase');
  if (signedIn.status !== 302 && signedIn.status !== 303) throw new Error(`sign-in: ${signedIn.status}`);
  const pat = await call('createPat', 'POST', '/personal_access_tokens', owner, { name: 'ci', scopes: ['accounts--my:ro'] });
  await call('revokePat', 'DELETE', `/personal_access_tokens/${pat.pat_id}`, owner);
  await snapshot('signed-in');
  await call('deleteAccount', 'DELETE', `/accounts/${memberId}`, owner);
  await snapshot('deleted');
  return { organizationId, ownerId: signedUp.account_id, memberId, memberEmail, memberName, clientId: client.client_id, patId: pat.pat_id, requests, moments };
}
