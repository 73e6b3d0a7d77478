import { fastifyTrustProxy, trustedProxiesOf } from './trusted-proxies';

describe('TRUST_PROXY', () => {
  it.each([
    ['', false],
    ['2', 2],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 192.168.1.7,fd00::/8', ['10.0.0.0/8', '192.168.1.7', 'fd00::/8']],
  ])('reads %j as %j', (setting, expected) => {
    expect(trustedProxiesOf(setting)).toEqual(expected);
  });

  it.each(['0', 'true', 'proxy.example.com', '10.0.0.0/33', '::1/129', '10.0.0.1/8/1', '10.0.0.1,', '256.1.1.1'])('refuses %j', (setting) => {
    expect(trustedProxiesOf(setting)).toBeUndefined();
  });

  it('given a number of hops, when handed to Fastify, then exactly the hops before that index are proxies', () => {
    const trust = fastifyTrustProxy(2);

    expect(typeof trust).toBe('function');
    const isProxy = trust as (address: string, hop: number) => boolean;
    expect([0, 1, 2, 3].map((hop) => isProxy('203.0.113.7', hop))).toEqual([true, true, false, false]);
  });

  it('given addresses or nothing, when handed to Fastify, then they go as they are', () => {
    expect(fastifyTrustProxy(['loopback'])).toEqual(['loopback']);
    expect(fastifyTrustProxy(false)).toBe(false);
  });
});
