import { expectError } from '../support/expect-error';
import { TestApp, type SignedUp } from '../support/test-app';

/**
 * Shorter than the default bound, so the test does not sit it out; long enough for healthy
 * projections to include the setup's sign-up on a loaded machine (its reply waits too).
 */
const BOUND_MS = 3_000;

/**
 * A write is kept, but the read models do not include it within the read-your-writes bound (the
 * projections stalled: the database restarting, say). A reply built from those read models would
 * be wrong (a 404 for the account just created), and a 2xx promises that a GET right after sees
 * the write, so the service answers 503 "read it again shortly" instead.
 */
describe('A write whose read models stay behind past the bound', () => {
  let api: TestApp;
  let owner: SignedUp;

  beforeAll(async () => {
    api = await TestApp.start({ READ_YOUR_WRITES_TIMEOUT_MS: String(BOUND_MS) });
    owner = await api.signUp();
    await api.untilCredentialWorks(owner.bearer);
    await Promise.all(api.runtime.runners.map((runner) => runner.stop()));
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('given stalled projections, when an account is created, then the answer is a 503 to retry the read and the write is kept', async () => {
    const appendsBefore = await api.appendsMade();

    const reply = await api.request('POST', '/accounts', { headers: owner.bearer, body: { email: 'made-while-behind@example.com' } });

    expectError(reply, 503, 'temporarily_unavailable');
    expect(reply.body.error_description).toBe('The change was saved but is not visible yet; read it again shortly.');
    expect(reply.headers.get('retry-after')).toBe('1');
    expect(await api.appendsMade()).toBeGreaterThan(appendsBefore);
  });
});
