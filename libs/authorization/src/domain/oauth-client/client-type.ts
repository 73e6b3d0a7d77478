/**
 * Confidential clients (server-side apps) hold a secret and must present it at the token endpoint;
 * public clients (browser and native apps) cannot keep one. Clients name the kind in their own
 * words: the developer tooling sends `server_side_app` and `javascript_app`.
 */
export type ClientKind = 'confidential' | 'public';

const KINDS: Readonly<Record<string, ClientKind>> = {
  confidential: 'confidential',
  server_side_app: 'confidential',
  public: 'public',
  javascript_app: 'public',
  native_app: 'public',
};

export const CLIENT_TYPES = Object.keys(KINDS);

export function clientKindOf(type: string): ClientKind | undefined {
  return KINDS[type];
}
