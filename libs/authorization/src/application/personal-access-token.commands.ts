import { Command, Query } from '@nestjs/cqrs';
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

export class CreatePersonalAccessTokenCommand extends Command<CreatedPersonalAccessToken> {
  constructor(
    readonly caller: Credential,
    readonly name: string,
    /** Absent: all of the caller's scopes. */
    readonly scopes: readonly string[] | undefined,
  ) {
    super();
  }
}

export class RevokePersonalAccessTokenCommand extends Command<void> {
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
