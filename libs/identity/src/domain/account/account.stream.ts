/** One stream per account, named by its id only: a stream name must never carry personal data. */
export const ACCOUNT_CATEGORY = 'account';

export function accountStream(accountId: string): string {
  return `${ACCOUNT_CATEGORY}-${accountId}`;
}
