export interface RegisterOAuthClient {
  readonly kind: 'RegisterOAuthClient';
  readonly clientId: string;
  readonly organizationId: string;
  readonly name: string;
  readonly type: string;
  readonly visibility: string;
  readonly redirectUris: readonly string[];
  readonly scopes: readonly string[];
  /** Present exactly for confidential clients. */
  readonly secretHash: string | null;
  readonly registeredBy: string;
  readonly at: string;
}

export interface UpdateOAuthClient {
  readonly kind: 'UpdateOAuthClient';
  readonly clientId: string;
  readonly organizationId: string;
  readonly changes: { readonly name?: string; readonly redirectUris?: readonly string[]; readonly scopes?: readonly string[] };
  readonly at: string;
}

export interface DeleteOAuthClient {
  readonly kind: 'DeleteOAuthClient';
  readonly clientId: string;
  readonly organizationId: string;
  readonly deletedBy: string;
  readonly at: string;
}

export type OAuthClientCommand = RegisterOAuthClient | UpdateOAuthClient | DeleteOAuthClient;
