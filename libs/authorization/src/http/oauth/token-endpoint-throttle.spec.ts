import { BadRequestError, ServiceUnavailableError, TooManyRequestsError } from '@app/platform';
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

  it('guards a request: counts its 4xx refusals only, and refuses without running it while the address is held back', async () => {
    const throttle = new TokenEndpointThrottle({ tokenFailuresPerMinute: 2 });
    await expect(throttle.guard('10.0.0.1', async () => 'issued')).resolves.toBe('issued');
    await expect(throttle.guard('10.0.0.1', () => Promise.reject(new ServiceUnavailableError('down', 1)))).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(throttle.guard('10.0.0.1', () => Promise.reject(new Error('a bug')))).rejects.toThrow('a bug');
    expect(throttle.retryAfter('10.0.0.1')).toBe(0);

    await expect(throttle.guard('10.0.0.1', () => Promise.reject(new BadRequestError('bad grant')))).rejects.toBeInstanceOf(BadRequestError);
    expect(throttle.retryAfter('10.0.0.1')).toBe(0);
    await expect(throttle.guard('10.0.0.1', () => Promise.reject(new BadRequestError('bad grant')))).rejects.toBeInstanceOf(BadRequestError);
    expect(throttle.retryAfter('10.0.0.1')).toBeGreaterThan(0);

    const request = jest.fn(async () => 'issued');
    await expect(throttle.guard('10.0.0.1', request)).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(request).not.toHaveBeenCalled();
    await expect(throttle.guard('10.0.0.2', request)).resolves.toBe('issued');
  });
});
