import { FAILURES_PER_ACCOUNT, FAILURES_PER_IP, SignInThrottle } from './sign-in-throttle';

describe('sign-in throttle', () => {
  it('blocks an email after its failures, whatever the case, until the window passes', () => {
    const throttle = new SignInThrottle();
    const start = 1_000_000;
    for (let i = 0; i < FAILURES_PER_ACCOUNT - 1; i++) throttle.failed('Ann@Example.com', `10.0.0.${i}`, start);
    expect(throttle.retryAfter('ann@example.com', '10.1.1.1', start)).toBe(0);
    throttle.failed('ann@example.com', '10.0.0.99', start);
    expect(throttle.retryAfter('ANN@example.com', '10.1.1.1', start + 1000)).toBe(899);
    expect(throttle.retryAfter('bob@example.com', '10.1.1.1', start + 1000)).toBe(0);
    expect(throttle.retryAfter('ann@example.com', '10.1.1.1', start + 15 * 60_000)).toBe(0);
  });

  it('blocks an address after its failures for any email', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < FAILURES_PER_IP; i++) throttle.failed(`user${i}@example.com`, '10.9.9.9', 0);
    expect(throttle.retryAfter('new@example.com', '10.9.9.9', 1)).toBeGreaterThan(0);
    expect(throttle.retryAfter('new@example.com', '10.9.9.8', 1)).toBe(0);
  });

  it('forgets an account failures once it signs in', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < FAILURES_PER_ACCOUNT; i++) throttle.failed('ann@example.com', '10.0.0.1', 0);
    throttle.succeeded('ann@example.com');
    expect(throttle.retryAfter('ann@example.com', '10.0.0.2', 1)).toBe(0);
  });
});
