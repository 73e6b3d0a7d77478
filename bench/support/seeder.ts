import { randomUUID } from 'node:crypto';
import { CreatePersonalAccessTokenForAccountCommand, findPredefinedRoleByName, IssueAccessTokenCommand, IssueAuthorizationCodeCommand, RegisterOAuthClientCommand } from '@app/authorization';
import { RegisterAccountCommand } from '@app/identity/contracts';
import { AddMemberCommand } from '@app/organizations/contracts';
import { StartSessionCommand } from '@app/sessions/contracts';
import type { AppContext } from './app-context';
import { mapConcurrent } from './pool';

export interface SeededOrganization {
  readonly organizationId: string;
  readonly ownerId: string;
  readonly ownerEmail: string;
  readonly ownerPassword: string;
  readonly ownerToken: string;
  readonly members: string[];
  /** Members still to add. */
  quota: number;
}

export interface Member {
  readonly accountId: string;
  readonly organizationId: string;
}

const MEMBER_SCOPES = ['accounts--my:ro'];
const REDIRECT_URI = 'https://bench.example/callback';
/**
 * Refreshes of each family while seeding: more than the per-client limit (25 live access tokens
 * per client and account), so the account holds 25 live tokens and revoked ones behind them, as
 * one whose client has refreshed for a while does, when the statistics are taken after seeding.
 */
const REFRESH_HISTORY = 30;

/**
 * Builds the data set through the app's own commands. Accounts are created without passwords
 * (the API allows it), so seeding is bound by the event store, not by argon2; only the owners
 * who sign up have passwords. Members of one organization are added one after another (every
 * addition appends to that organization's stream); organizations fill in parallel.
 */
export class Seeder {
  readonly organizations: SeededOrganization[] = [];
  private readonly stamp = Date.now().toString(36);

  constructor(private readonly app: AppContext) {}

  /** Sign-ups go through POST /v2/organizations (the public way in; its command is the module's own). */
  async signUp(count: number, label: string, serverUrl: string): Promise<SeededOrganization[]> {
    const created = await mapConcurrent(Array.from({ length: count }, (_, i) => i), 4, async (i) => {
      const ownerEmail = `owner-${label}-${i}-${this.stamp}@bench.example`;
      const ownerPassword = `bench password ${i}`;
      const response = await fetch(`${serverUrl}/v2/organizations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: ownerEmail, password: ownerPassword, organization: { name: `Bench ${label} ${i}` } }),
      });
      const body = (await response.json()) as { account_id: string; organization: { organization_id: string }; access_token: string };
      if (response.status !== 200) throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(body)}`);
      const organization = { organizationId: body.organization.organization_id, ownerId: body.account_id, ownerEmail, ownerPassword, ownerToken: body.access_token };
      return { ...organization, members: [], quota: 0 };
    });
    this.organizations.push(...created);
    return created;
  }

  /** Adds up to `total` members across the organizations, in proportion to what each still needs. */
  async grow(total: number, organizations: readonly SeededOrganization[] = this.organizations): Promise<number> {
    const open = organizations.filter((o) => o.quota > 0);
    const left = open.reduce((sum, o) => sum + o.quota, 0);
    if (!left) return 0;
    const share = Math.min(1, total / left);
    const counts = open.map((o) => Math.min(o.quota, Math.max(1, Math.round(o.quota * share))));
    await Promise.all(open.map((organization, i) => this.addMembers(organization, counts[i])));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Grows until the log holds `events` events or every quota is met; returns the event count. */
  async growUntilEvents(events: number, onProgress: (events: number) => void): Promise<number> {
    let count = await this.app.eventCount();
    let perAccount = 3;
    while (count < events) {
      const before = count;
      const added = await this.grow(Math.max(100, Math.ceil((events - count) / perAccount)));
      count = await this.app.eventCount();
      onProgress(count);
      if (!added) break;
      perAccount = Math.max(1, (count - before) / added);
    }
    return count;
  }

  get pendingAccounts(): number {
    return this.organizations.reduce((sum, o) => sum + o.quota, 0);
  }

  /** Members spread over the organizations, for credentials that should not share one stream. */
  spreadMembers(count: number, organizations: readonly SeededOrganization[] = this.organizations): Member[] {
    const members: Member[] = [];
    for (let i = 0; members.length < count && i < 1e9; i++) {
      const organization = organizations[i % organizations.length];
      const accountId = organization.members[Math.floor(i / organizations.length)];
      if (accountId) members.push({ accountId, organizationId: organization.organizationId });
      else if (organizations.every((o) => o.members.length <= Math.floor(i / organizations.length))) break;
    }
    return members;
  }

  issueAccessTokens(members: readonly Member[]): Promise<string[]> {
    return mapConcurrent(members, 16, async (m) => (await this.app.commands.execute(new IssueAccessTokenCommand(m.accountId, m.organizationId, MEMBER_SCOPES))).accessToken);
  }

  /** PATs as `Basic base64(account_id:token)` header values. */
  createPats(members: readonly Member[]): Promise<string[]> {
    const member = findPredefinedRoleByName('Accounts', 'member')!;
    return mapConcurrent(members, 16, async (m) => {
      const created = await this.app.commands.execute(new CreatePersonalAccessTokenForAccountCommand(m.accountId, m.organizationId, [member.role_id], 'bench', MEMBER_SCOPES));
      return `Basic ${Buffer.from(`${m.accountId}:${created.token}`).toString('base64')}`;
    });
  }

  /**
   * A confidential client and one refresh token family per member: a session and a code through
   * the app's commands, exchanged at the server's token endpoint as a client would, then refreshed
   * REFRESH_HISTORY times. Statistics taken of a family's single first token would describe an
   * access token table with one row per account, and plans made for that (any index on the
   * account looks as good as another) stay while the load grows each account's rows a
   * hundredfold.
   */
  async refreshTokens(members: readonly Member[], serverUrl: string): Promise<{ clientId: string; clientSecret: string; refreshTokens: string[] }> {
    const organizationId = members[0].organizationId;
    const client = await this.app.commands.execute(new RegisterOAuthClientCommand(organizationId, 'bench', 'confidential', 'private', [REDIRECT_URI], MEMBER_SCOPES));
    const owned = members.filter((m) => m.organizationId === organizationId);
    const codes = await mapConcurrent(owned, 16, async (m) => {
      const { sessionId } = await this.app.commands.execute(new StartSessionCommand(m.accountId, m.organizationId, 'credentials', '127.0.0.1', 'bench'));
      const request = { clientId: client.client_id, accountId: m.accountId, organizationId, sessionId, redirectUri: REDIRECT_URI, scopes: MEMBER_SCOPES };
      return (await this.app.commands.execute(new IssueAuthorizationCodeCommand(request))).code;
    });
    await this.app.projectionsCaughtUp();
    const credentials = { client_id: client.client_id, client_secret: client.client_secret! };
    const refreshTokens = await mapConcurrent(codes, 8, async (code) => {
      const answer = await postToken(serverUrl, { ...credentials, grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
      if (!answer.refresh_token) throw new Error(`code exchange failed: ${refusalOf(answer)}`);
      return answer.refresh_token;
    });
    await mapConcurrent(refreshTokens, 8, async (refreshToken) => {
      for (let n = 0; n < REFRESH_HISTORY; n++) {
        const answer = await postToken(serverUrl, { ...credentials, grant_type: 'refresh_token', refresh_token: refreshToken });
        if (!answer.access_token) throw new Error(`refresh while seeding failed: ${refusalOf(answer)}`);
      }
    });
    return { clientId: client.client_id, clientSecret: client.client_secret!, refreshTokens };
  }

  private async addMembers(organization: SeededOrganization, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const accountId = randomUUID();
      const email = `m-${organization.members.length}-${accountId.slice(0, 8)}-${this.stamp}@bench.example`;
      await this.app.commands.execute(new RegisterAccountCommand({ accountId, email, organizationId: organization.organizationId }));
      await this.app.commands.execute(new AddMemberCommand(organization.organizationId, accountId, []));
      organization.members.push(accountId);
      organization.quota--;
    }
  }
}

interface TokenAnswer {
  access_token?: string;
  refresh_token?: string;
  error?: string;
  error_description?: string;
}

/** A token request as a client sends it (a form to the token endpoint); the answer's JSON, success or error. */
async function postToken(serverUrl: string, form: Record<string, string>): Promise<TokenAnswer> {
  const response = await fetch(`${serverUrl}/v2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  return (await response.json()) as TokenAnswer;
}

/** Why a token request failed, without any token a partial answer may carry. */
function refusalOf(answer: TokenAnswer): string {
  return answer.error ? `${answer.error}: ${answer.error_description ?? ''}` : 'an answer without the expected token';
}
