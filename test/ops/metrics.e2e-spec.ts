import { BrowserSession } from '../support/browser-session';
import { TestApp } from '../support/test-app';

/** The value of one sample line, e.g. `name{label="x"} 3`; undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function scrape(app: TestApp): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${app.baseUrl}/metrics`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

describe('GET /metrics', () => {
  let app: TestApp;
  let before: string;
  let after: string;

  beforeAll(async () => {
    app = await TestApp.start();
    before = (await scrape(app)).text;
    const owner = await app.signUp();
    await app.request('GET', '/accounts/me', { headers: owner.bearer });
    await app.request('GET', '/accounts/me', { headers: owner.bearer });
    await app.request('GET', '/accounts/me');
    const browser = new BrowserSession(app.baseUrl);
    await browser.signIn('/signin', owner.email, 'not the password');
    await browser.signIn('/signin', owner.email, owner.password);
    after = (await scrape(app)).text;
  });

  afterAll(async () => {
    await app.stop();
  });

  it('given a scrape, when served, then it is Prometheus text, public and not cached', async () => {
    const response = await fetch(`${app.baseUrl}/metrics`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('given requests, when scraped, then latency is counted per route template, method and status', () => {
    const me = 'http_request_duration_seconds_count{method="GET",route="/v2/accounts/:account_id",status_code="200"}';
    const denied = 'http_request_duration_seconds_count{method="GET",route="/v2/accounts/:account_id",status_code="401"}';

    expect((sample(after, me) ?? 0) - (sample(before, me) ?? 0)).toBe(2);
    expect((sample(after, denied) ?? 0) - (sample(before, denied) ?? 0)).toBe(1);
    expect(after).toContain('http_request_duration_seconds_bucket{le="0.005",method="GET",route="/v2/accounts/:account_id",status_code="200"}');
    // The raw URL never becomes a label: one series per route, whatever the id.
    expect(after).not.toContain('route="/v2/accounts/me"');
  });

  it('given an unknown path, when scraped, then it is counted under one shared route label', async () => {
    await fetch(`${app.baseUrl}/no-such-${Date.now()}`);
    const { text } = await scrape(app);

    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} [1-9]/);
    expect(text).not.toContain('no-such-');
  });

  it('given a sign-up, when scraped, then appends are timed', () => {
    const appended = 'event_store_append_duration_seconds_count{outcome="appended"}';

    expect(sample(after, appended)! - (sample(before, appended) ?? 0)).toBeGreaterThanOrEqual(1);
    expect(after).toContain('# TYPE event_store_append_duration_seconds histogram');
  });

  it('given a sign-up, when scraped, then the statements sent to the database are counted', () => {
    const series = 'database_statements_total';

    expect(after).toContain(`# TYPE ${series} counter`);
    expect(sample(after, series)! - (sample(before, series) ?? 0)).toBeGreaterThan(0);
  });

  it('given a wrong and a right password, when scraped, then each sign-in outcome is counted', () => {
    for (const outcome of ['rejected', 'succeeded']) {
      const series = `sign_in_attempts_total{outcome="${outcome}"}`;
      expect((sample(after, series) ?? 0) - (sample(before, series) ?? 0)).toBe(1);
    }
  });

  it('given the running projections, when scraped, then each has its lag and checkpoint', async () => {
    const { text } = await scrape(app);

    expect(text).toContain('# TYPE projection_lag_events gauge');
    expect(text).toContain('# TYPE projection_checkpoint_position gauge');
    for (const { name } of app.runtime.projections) {
      expect(sample(text, `projection_lag_events{projection="${name}"}`)).toBeGreaterThanOrEqual(0);
      expect(sample(text, `projection_checkpoint_position{projection="${name}"}`)).toBeGreaterThanOrEqual(0);
    }
    // The audit sees every event, so after a sign-up it has applied something.
    expect(sample(text, 'projection_checkpoint_position{projection="audit"}')).toBeGreaterThan(0);
  });

  it('given the credential cache handle, when scraped, then both of its series are exposed', () => {
    expect(after).toContain('# HELP credential_cache_lookups_total ');
    expect(after).toContain('# TYPE credential_cache_lookups_total counter');
    expect(sample(after, 'credential_cache_lookups_total{outcome="hit"}')).toBeGreaterThanOrEqual(0);
    expect(sample(after, 'credential_cache_lookups_total{outcome="miss"}')).toBeGreaterThanOrEqual(0);
  });
});
