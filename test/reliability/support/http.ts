import { randomUUID } from 'node:crypto';

/** A reply as tests look at it; `body` is the parsed JSON, or the text when it is not JSON. */
export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
  body: any;
  headers: Headers;
}

/**
 * One request to a server in another process, with a deadline: a reply that never comes fails the
 * test instead of hanging it. Network errors come back as status 0 (the caller decides).
 */
export async function call(baseUrl: string, method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<Reply> {
  const hasBody = options.body !== undefined;
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      redirect: 'manual',
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body, headers: response.headers };
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') throw new Error(`${method} ${path} got no answer in ${options.timeoutMs ?? 30_000} ms`, { cause: error });
    return { status: 0, body: String((error as Error).message), headers: new Headers() };
  }
}

export interface Owner {
  accountId: string;
  organizationId: string;
  bearer: Record<string, string>;
  email: string;
  password: string;
}

/** A new organization and its owner, through the public sign-up. */
export async function signUpOver(baseUrl: string): Promise<Owner> {
  const email = `owner-${randomUUID()}@example.com`;
  const password = `pw-${randomUUID()}`;
  const reply = await call(baseUrl, 'POST', '/v2/organizations', { body: { email, password, organization: { name: 'Acme' } } });
  if (reply.status !== 200) throw new Error(`sign-up failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return {
    accountId: reply.body.account_id,
    organizationId: reply.body.organization.organization_id,
    bearer: { authorization: `Bearer ${reply.body.access_token}` },
    email,
    password,
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value, or fails after `timeoutMs`. */
export async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}
