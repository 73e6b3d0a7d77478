import { TokenEndpointThrottle } from './token-endpoint-throttle';

describe('token endpoint throttle', () => {
  it('holds back an address after its failures until the oldest leaves the minute, others unaffected', () => {
    const throttle = new TokenEndpointThrottle({ tokenFailuresPerMinute: 30 });
    for (let i = 0; i < 29; i++) throttle.failed('10.0.0.1', 1_000 + i);
    expect(throttle.retryAfter('10.0.0.1', 2_000)).toBe(0);
    throttle.failed('10.0.0.1', 2_000);
    expect(throttle.retryAfter('10.0.0.1', 2_000)).toBe(59);
    expect(throttle.retryAfter('10.0.0.2', 2_000)).toBe(0);
    expect(throttle.retryAfter('10.0.0.1', 61_000)).toBe(0);
  });
});
