import { isIP } from 'node:net';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Address ranges by name, as Fastify (proxy-addr) knows them. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * What TRUST_PROXY says about the proxies in front of the service: nothing (the socket's address
 * is the client's), a number of proxy hops, or the proxies' addresses and ranges
 * (fastifyTrustProxy hands it to Fastify). Undefined when the setting is not one of these. `true` (trust
 * whatever X-Forwarded-For says) is not offered: any client could then choose its own address,
 * and the throttles and session records key on it.
 */
export function trustedProxiesOf(setting: string): false | number | string[] | undefined {
  const text = setting.trim();
  if (text === '') return false;
  if (/^\d+$/.test(text)) return Number(text) >= 1 ? Number(text) : undefined;
  const entries = text.split(',').map((entry) => entry.trim());
  return entries.every(isProxyEntry) ? entries : undefined;
}

/** What Fastify's `trustProxy` takes: a list of proxies, or whether the hop at an index is a trusted proxy. */
export type FastifyTrustProxy = false | string[] | ((address: string, hop: number) => boolean);

/**
 * Fastify's `trustProxy` for what trustedProxiesOf read. A number of hops becomes a function of the
 * hop's index (0 is the connection's peer), as proxy-addr counts them: Fastify itself now takes a
 * bare number to mean "trust nothing", which would silently stop reading X-Forwarded-For.
 */
export function fastifyTrustProxy(trusted: false | number | string[]): FastifyTrustProxy {
  if (typeof trusted !== 'number') return trusted;
  return (_address, hop) => hop < trusted;
}

function isProxyEntry(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

export function IsTrustedProxies(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isTrustedProxies', validator: { validate: (value) => typeof value === 'string' && trustedProxiesOf(value) !== undefined } }, options);
}
