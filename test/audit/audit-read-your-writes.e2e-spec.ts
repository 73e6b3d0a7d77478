import { Client } from 'pg';
import { hasReached, type Position } from '@app/platform';
import { eventually, lockWaitersOn, testServerUrl } from '@app/platform/testing';
import type { ShownEntry } from '@app/audit';
import { expectError } from '../support/expect-error';
import { TestApp, type SignedUp } from '../support/test-app';

/** Short, so the held-back case does not sit out the default bound. */
const BOUND_MS = 3_000;
const describePostgres = testServerUrl() ? describe : describe.skip;

/**
 * Writes' replies do not wait for the audit projection (ADR 015); GET /v2/audit waits for it
 * instead, so a read after a 2xx write still sees the write. The projection is held back by a
 * transaction that locks its entries table against writes (reads go on), which only a server
 * with more than one connection allows.
 */
describePostgres('GET /v2/audit after a write the audit has not applied yet', () => {
  let api: TestApp;
  let owner: SignedUp;
  let holder: Client;

  beforeAll(async () => {
    api = await TestApp.start({ READ_YOUR_WRITES_TIMEOUT_MS: String(BOUND_MS) });
    owner = await api.signUp();
    holder = new Client({ connectionString: api.databaseUrl });
    await holder.connect();
  });
  afterAll(async () => {
    await holder?.end();
    await api?.stop();
  });
  afterEach(async () => {
    await holder.query('ROLLBACK');
    jest.restoreAllMocks();
  });

  /**
   * Holds the audit projection back until `release`, with a batch begun: a write the audit takes
   * up while its table is locked leaves its batch waiting for the lock, and a transaction that
   * waits holds back readers of the log unless it is known to write read models only (ADR 001).
   */
  async function holdAudit(email: string): Promise<void> {
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE audit_entries IN EXCLUSIVE MODE');
    const before = await api.request('POST', '/accounts', { headers: owner.bearer, body: { email } });
    expect(before.status).toBe(201);
    expect(await lockWaitersOn(holder, 'audit_entries')).toBeGreaterThan(0);
  }
  const release = () => holder.query('COMMIT');

  /** The account's creation, answered while the audit is held, and where it is in the log. */
  async function createAccountWhileHeld(email: string): Promise<{ accountId: string; position: Position }> {
    const reply = await api.request('POST', '/accounts', { headers: owner.bearer, body: { email } });
    expect(reply.status).toBe(201);
    const events = await api.runtime.store.readStream(`account-${reply.body.account_id}`);
    const position = events[events.length - 1].position;
    // The reply did not wait for the audit: it has not passed the write.
    expect(hasReached(api.runtime.progress.positionOf('audit'), position)).toBe(false);
    return { accountId: reply.body.account_id, position };
  }

  const auditOf = (accountId: string) => api.request('GET', `/audit?account=${accountId}`, { headers: owner.bearer });

  it('given the audit held back, when an account is created, then the reply comes at once and the read waits until the audit has the entry', async () => {
    await holdAudit('created-before-hold@example.com');
    const { accountId } = await createAccountWhileHeld('audited-later@example.com');

    // Let the audit go once the read waits for it, or once it has answered (without the entry, then).
    const waitFor = jest.spyOn(api.runtime.progress, 'waitFor');
    const read = auditOf(accountId);
    const readWaitsForAudit = () => waitFor.mock.calls.some(([, , names]) => names?.includes('audit') ?? false);
    await Promise.race([read, eventually(readWaitsForAudit, (waits) => waits)]);
    await release();
    const page = await read;

    expect(page.status).toBe(200);
    expect(page.body.entries.map((entry: ShownEntry) => entry.type)).toContain('AccountCreated');
  });

  it('given the audit held back past the bound, when the timeline is read after a write, then the answer is a 503 to read again, and the next read has the entry', async () => {
    await holdAudit('created-before-bound@example.com');
    const { accountId } = await createAccountWhileHeld('held-past-bound@example.com');

    const held = await auditOf(accountId);

    expectError(held, 503, 'temporarily_unavailable');
    expect(held.body.error_description).toBe('Recent changes are not readable here yet; read again shortly.');
    expect(held.headers.get('retry-after')).toBe('1');
    await release();
    const page = await auditOf(accountId);
    expect(page.status).toBe(200);
    expect(page.body.entries.map((entry: ShownEntry) => entry.type)).toContain('AccountCreated');
  });
});
