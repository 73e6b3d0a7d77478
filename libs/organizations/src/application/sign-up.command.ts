import { RequestCommand } from '@app/platform';
import type { Credential } from '@app/authorization/contracts';
import type { CompanyInput } from '../contracts/organization.commands';

export interface SignUpResult {
  readonly accountId: string;
  readonly organizationId: string;
  readonly accessToken: string;
}

/**
 * Creates an organization with its owner: a new account (no caller), or the calling account.
 * Either way the owner gets an access token for the new organization.
 */
export class SignUpCommand extends RequestCommand<SignUpResult> {
  constructor(
    readonly email: string,
    readonly password: string | undefined,
    readonly organization: { readonly name?: string; readonly company?: CompanyInput },
    readonly caller: Credential | undefined,
  ) {
    super();
  }
}
