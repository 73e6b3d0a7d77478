import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { IssueAccessTokenCommand } from '@app/authorization/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, createLogger, loadConfig, type PlatformRuntime, PLATFORM_RUNTIME } from '@app/platform';
import { createEmptyDatabase, dropDatabase, testServerUrl } from '@app/platform/testing';
import { AppModule } from '../../apps/api/src/app.module';
import { ALL_SCOPES } from './scope-catalogue';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reply bodies are checked against the spec, not typed
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface SignedUp {
  accountId: string;
  organizationId: string;
  token: string;
  email: string;
  password: string;
  bearer: Record<string, string>;
}

/**
 * The real API app in this process, on a fresh database (its own PostgreSQL database when a
 * server is configured, else an in-memory PGlite), listening on a free loopback port.
 */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly baseUrl: string,
    /** Its own database on the PostgreSQL server; undefined on PGlite. */
    readonly databaseUrl: string | undefined,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<TestApp> {
    const server = testServerUrl();
    const databaseUrl = server ? await createEmptyDatabase(server) : undefined;
    const config = loadConfig({ LOG_LEVEL: 'silent', READ_YOUR_WRITES_TIMEOUT_MS: '10000', ...env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
    // On the embedded database the test keeps everything in memory (no DATA_DIR folder).
    const app = await createHttpApp(AppModule.forRoot(databaseUrl ? config : { ...config, dataDir: undefined as unknown as string }), config, createLogger({ level: 'silent' }));
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    return new TestApp(app, `http://127.0.0.1:${address.port}`, databaseUrl);
  }

  get runtime(): PlatformRuntime {
    return this.app.get(PLATFORM_RUNTIME);
  }

  async stop(): Promise<void> {
    await this.app.close();
    if (this.databaseUrl) await dropDatabase(testServerUrl()!, this.databaseUrl);
  }

  /** A JSON request under /v2 (or an absolute path starting with `/`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  async request<T = any>(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; raw?: string } = {}): Promise<ApiResponse<T>> {
    const url = `${this.baseUrl}${path.startsWith('/v2') || path.startsWith('/healthz') || path.startsWith('/readyz') ? '' : '/v2'}${path}`;
    const hasBody = options.body !== undefined || options.raw !== undefined;
    const response = await fetch(url, {
      method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  /**
   * Waits until every read model includes a stream's events, for writes made from no request
   * (commands sent on the test's own bus), whose replies therefore waited for nothing. By the
   * stream's own position: the log's settled head may not include it yet while an older
   * transaction is still open.
   */
  async readModelsInclude(streamId: string): Promise<void> {
    const events = await this.runtime.store.readStream(streamId);
    if (!(await this.runtime.progress.waitFor(events[events.length - 1].position, 10_000))) throw new Error(`the read models never caught up with ${streamId}`);
  }

  /** Polls until a credential made outside a request (no reply waited for it) is accepted. */
  async untilCredentialWorks(headers: Record<string, string>): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await this.request('GET', '/organizations/my', { headers })).status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('credential never became usable');
  }

  /**
   * Waits until this process's caches serve: 2.5 s after it starts listening, once any other
   * process can have counted it (docs/adr/018-a-lone-process-waits-for-its-own-cache.md).
   */
  async untilCachesServe(): Promise<void> {
    await this.runtime.database.notifications.joined();
  }

  /** `count` personal access tokens of the owner, each usable, with the Basic header that presents it. */
  async createPats(owner: SignedUp, count: number): Promise<{ patId: string; header: Record<string, string> }[]> {
    const created: { patId: string; header: Record<string, string> }[] = [];
    for (let i = 0; i < count; i++) {
      const reply = await this.request('POST', '/personal_access_tokens', { headers: owner.bearer, body: { name: `pat ${i}` } });
      if (reply.status !== 201) throw new Error(`creating a PAT answered ${reply.status}`);
      created.push({ patId: reply.body.pat_id, header: { authorization: `Basic ${Buffer.from(`${owner.accountId}:${reply.body.token}`).toString('base64')}` } });
    }
    for (const { header } of created) await this.untilCredentialWorks(header);
    return created;
  }

  /** How many appends to the event store this process has made (from /metrics), to count a request's appends. */
  async appendsMade(): Promise<number> {
    const metrics = await (await fetch(`${this.baseUrl}/metrics`)).text();
    return Number(/^event_store_append_duration_seconds_count\{outcome="appended"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
  }

  /** A new organization with its owner, through POST /v2/organizations. */
  async signUp(overrides: { email?: string; password?: string; name?: string } = {}): Promise<SignedUp> {
    const email = overrides.email ?? `owner-${randomUUID()}@example.com`;
    const password = overrides.password ?? `pw-${randomUUID()}`;
    const response = await this.request('POST', '/organizations', { body: { email, password, organization: { name: overrides.name ?? 'Acme' } } });
    if (response.status !== 200) throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
    const token = response.body.access_token as string;
    return {
      accountId: response.body.account_id,
      organizationId: response.body.organization.organization_id,
      token,
      email,
      password,
      bearer: { authorization: `Bearer ${token}` },
    };
  }

  /** Adds an account to the owner's organization, optionally with roles. */
  async addAccount(owner: SignedUp, body: Record<string, unknown> = {}): Promise<{ accountId: string; email: string }> {
    const email = (body.email as string) ?? `member-${randomUUID()}@example.com`;
    const response = await this.request('POST', '/accounts', { headers: owner.bearer, body: { email, ...body } });
    if (response.status !== 201) throw new Error(`add account failed: ${response.status} ${JSON.stringify(response.body)}`);
    return { accountId: response.body.account_id, email };
  }

  /**
   * A Bearer header for any account, as a sign-in would give (there is no sign-in over HTTP yet):
   * the token asks for every scope and gets what the account's roles grant.
   */
  async bearerFor(accountId: string, organizationId: string): Promise<Record<string, string>> {
    const issued = await this.app.get(CommandBus).execute(new IssueAccessTokenCommand(accountId, organizationId, ALL_SCOPES));
    const bearer = { authorization: `Bearer ${issued.accessToken}` };
    for (let attempt = 0; attempt < 200; attempt++) {
      if ((await this.request('GET', '/organizations/me', { headers: bearer })).status === 200) return bearer;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the issued token never became usable');
  }

  /** An OAuth client of the owner's organization, through POST /v2/clients; its reply body. */
  async registerClient(owner: SignedUp, body: Record<string, unknown>): Promise<{ client_id: string; client_secret?: string }> {
    const response = await this.request('POST', '/clients', { headers: owner.bearer, body });
    if (response.status !== 201) throw new Error(`client registration failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** A PAT of the owner's account with the given scopes, as a Basic authorization header. */
  async patHeader(owner: SignedUp, scopes?: string[]): Promise<Record<string, string>> {
    const response = await this.request('POST', '/personal_access_tokens', { headers: owner.bearer, body: { name: 'test', ...(scopes ? { scopes } : {}) } });
    if (response.status !== 201) throw new Error(`PAT failed: ${response.status} ${JSON.stringify(response.body)}`);
    return { authorization: `Basic ${Buffer.from(`${owner.accountId}:${response.body.token}`).toString('base64')}` };
  }
}
