import { randomUUID } from 'node:crypto';
import { call, sleep, type Owner, type Reply } from './http';

export interface Outcome {
  kind: 'write' | 'read';
  status: number;
  /** The account a 201 acknowledged. */
  accountId?: string;
  body: Reply['body'];
  /** When the request was sent and when its answer came (ms since the epoch). */
  sentAt: number;
  at: number;
}

/**
 * Steady traffic from a few workers, each alternating a write (a new account in the owner's
 * organization) and a read (the owner's own account), until stopped. Every answer is kept, so
 * the test can hold the service to each write it acknowledged.
 */
export class WriteLoad {
  readonly outcomes: Outcome[] = [];
  private stopped = false;
  private readonly workers: Promise<void>[];

  constructor(
    private readonly baseUrl: string,
    private readonly owner: Owner,
    workers = 4,
    private readonly pauseMs = 5,
  ) {
    this.workers = Array.from({ length: workers }, () => this.work());
  }

  get acknowledged(): string[] {
    return this.outcomes.filter((o) => o.kind === 'write' && o.status === 201).map((o) => o.accountId!);
  }

  async stop(): Promise<Outcome[]> {
    this.stopped = true;
    await Promise.all(this.workers);
    return this.outcomes;
  }

  private async work(): Promise<void> {
    while (!this.stopped) {
      let sentAt = Date.now();
      const write = await call(this.baseUrl, 'POST', '/v2/accounts', { headers: this.owner.bearer, body: { email: `load-${randomUUID()}@example.com` } });
      this.outcomes.push({ kind: 'write', status: write.status, accountId: write.status === 201 ? write.body.account_id : undefined, body: write.body, sentAt, at: Date.now() });
      sentAt = Date.now();
      const read = await call(this.baseUrl, 'GET', '/v2/accounts/me', { headers: this.owner.bearer });
      this.outcomes.push({ kind: 'read', status: read.status, body: read.body, sentAt, at: Date.now() });
      await sleep(this.pauseMs);
    }
  }
}
