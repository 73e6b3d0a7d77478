/** An account as the API shows it (roles are added by the caller when the credential may see them). */
export interface AccountView {
  readonly account_id: string;
  readonly email: string;
  readonly name: string | null;
  readonly email_verified: boolean;
  readonly default_product: 'Accounts' | 'LiveChat';
  readonly default_organization_id: string | null;
  readonly avatar_url: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}
