import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { GetMembershipQuery } from '@app/organizations/contracts';
import { DATA_SOURCE } from '@app/platform';
import { ScopesOfRolesQuery } from '../contracts/authorization.queries';
import type { Credential } from '../contracts/credential';
import { narrowScopes } from '../domain';
import { hashSecret } from './secret-tokens';

interface CredentialRow {
  id: string;
  account_id: string;
  organization_id: string;
  scopes: string[];
  client_id: string | null;
  session_id: string | null;
}

/**
 * Turns a presented secret into a Credential by its hash. Revocation is a row update made by a
 * projection before the revoking request is answered, so a revoked secret fails on the very next
 * request, on every process. A credential never grants more than the account's roles grant now:
 * its scopes, fixed when it was made, are narrowed to the current roles' (a demoted owner's
 * token loses the owner's scopes at once), and it stops working when the account leaves the
 * organization.
 */
@Injectable()
export class CredentialVerifier {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly queries: QueryBus,
  ) {}

  async accessToken(token: string): Promise<Credential | null> {
    const rows: CredentialRow[] = await this.dataSource.query(
      `SELECT token_id AS id, account_id, organization_id, scopes, client_id, session_id FROM access_tokens
       WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [hashSecret(token)],
    );
    return rows[0] ? this.withCurrentRoles(toCredential(rows[0], 'access_token')) : null;
  }

  /** HTTP Basic: the username is the account id, the password the PAT. */
  async personalAccessToken(accountId: string, token: string): Promise<Credential | null> {
    const rows: CredentialRow[] = await this.dataSource.query(
      `SELECT pat_id AS id, account_id, organization_id, scopes, NULL AS client_id, NULL AS session_id FROM personal_access_tokens
       WHERE token_hash = $1 AND revoked_at IS NULL`,
      [hashSecret(token)],
    );
    // Compared after the lookup, so a wrong account id answers exactly like a wrong token.
    return rows[0] && rows[0].account_id === accountId ? this.withCurrentRoles(toCredential(rows[0], 'personal_access_token')) : null;
  }

  private async withCurrentRoles(credential: Credential): Promise<Credential | null> {
    const membership = await this.queries.execute(new GetMembershipQuery(credential.organizationId, credential.accountId));
    if (!membership) return null;
    const roleScopes = await this.queries.execute(new ScopesOfRolesQuery(credential.organizationId, membership.roles.map((role) => role.role_id)));
    return { ...credential, scopes: narrowScopes(credential.scopes, roleScopes) };
  }
}

function toCredential(row: CredentialRow, kind: Credential['kind']): Credential {
  return {
    accountId: row.account_id,
    organizationId: row.organization_id,
    scopes: row.scopes,
    kind,
    credentialId: row.id,
    ...(row.client_id ? { clientId: row.client_id } : {}),
    ...(row.session_id ? { sessionId: row.session_id } : {}),
  };
}
