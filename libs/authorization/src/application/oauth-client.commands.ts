import { RequestCommand } from '@app/platform';
import { Query } from '@nestjs/cqrs';

export interface OAuthClientView {
  readonly client_id: string;
  readonly name: string;
  readonly type: string;
  readonly visibility: string;
  /** Comma-joined, as clients send it. */
  readonly redirect_uri: string;
  readonly scopes: string[];
  readonly created_at: string;
}

export interface RegisteredOAuthClient extends OAuthClientView {
  /** Confidential clients only; shown once. */
  readonly client_secret?: string;
}

export class RegisterOAuthClientCommand extends RequestCommand<RegisteredOAuthClient> {
  constructor(
    readonly organizationId: string,
    readonly name: string,
    readonly type: string,
    readonly visibility: string,
    readonly redirectUris: readonly string[],
    readonly scopes: readonly string[],
  ) {
    super();
  }
}

export class UpdateOAuthClientCommand extends RequestCommand<void> {
  constructor(
    readonly organizationId: string,
    readonly clientId: string,
    readonly changes: { readonly name?: string; readonly redirectUris?: readonly string[]; readonly scopes?: readonly string[] },
  ) {
    super();
  }
}

/** Deletes the client and revokes every token issued to it. */
export class DeleteOAuthClientCommand extends RequestCommand<void> {
  constructor(
    readonly organizationId: string,
    readonly clientId: string,
  ) {
    super();
  }
}

export class ListOAuthClientsQuery extends Query<OAuthClientView[]> {
  constructor(readonly organizationId: string) {
    super();
  }
}
