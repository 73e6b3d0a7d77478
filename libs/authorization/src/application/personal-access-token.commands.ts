import { RequestCommand } from '@app/platform';
import { Query } from '@nestjs/cqrs';
import type { Credential } from '../contracts/credential';

export interface PersonalAccessTokenView {
  readonly pat_id: string;
  readonly name: string;
  readonly scope: string;
  readonly created_at: string;
}

export interface CreatedPersonalAccessToken extends PersonalAccessTokenView {
  /** Shown once. */
  readonly token: string;
}

export class CreatePersonalAccessTokenCommand extends RequestCommand<CreatedPersonalAccessToken> {
  constructor(
    readonly caller: Credential,
    readonly name: string,
    /** Absent: all of the caller's scopes. */
    readonly scopes: readonly string[] | undefined,
  ) {
    super();
  }
}

export class RevokePersonalAccessTokenCommand extends RequestCommand<void> {
  constructor(
    readonly accountId: string,
    readonly patId: string,
  ) {
    super();
  }
}

export class ListPersonalAccessTokensQuery extends Query<PersonalAccessTokenView[]> {
  constructor(
    readonly accountId: string,
    readonly organizationId: string,
  ) {
    super();
  }
}

/**
 * For operators (the admin CLI): a PAT for an account in an organization, with scopes at most
 * those its roles there grant (all of them when none are named).
 */
export class CreatePersonalAccessTokenForAccountCommand extends RequestCommand<CreatedPersonalAccessToken> {
  constructor(
    readonly accountId: string,
    readonly organizationId: string,
    readonly roleIds: readonly string[],
    readonly name: string,
    readonly scopes: readonly string[] | undefined,
  ) {
    super();
  }
}
