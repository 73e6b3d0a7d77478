import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../config/load-config';
import { createLogger } from '../logging/create-logger';
import { createHttpApp } from './create-http-app';
import { sendTo } from './testing-fixtures/http-client';
import { ProbeModule } from './testing-fixtures/probe.module';

/** The test's requests come from 127.0.0.1; the header says a proxy forwarded them from elsewhere. */
const FORWARDED = { 'x-forwarded-for': '198.51.100.9, 203.0.113.7' };

describe('the address of a request (TRUST_PROXY)', () => {
  const apps: NestFastifyApplication[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  async function addressSeenWith(env: Record<string, string>, headers: Record<string, string> = FORWARDED): Promise<string> {
    const app = await createHttpApp(ProbeModule, loadConfig(env), createLogger({ level: 'silent' }));
    apps.push(app);
    await app.listen(0, '127.0.0.1');
    const reply = await sendTo(await app.getUrl(), { method: 'GET', url: '/v2/probe/address', headers });
    expect(reply.statusCode).toBe(200);
    return (reply.json() as { ip: string }).ip;
  }

  it('is the socket\'s by default: a client cannot choose its own with X-Forwarded-For', async () => {
    expect(await addressSeenWith({})).toBe('127.0.0.1');
  });

  it('is the one the trusted proxy forwarded, not what the client before it claimed', async () => {
    expect(await addressSeenWith({ TRUST_PROXY: 'loopback' })).toBe('203.0.113.7');
    expect(await addressSeenWith({ TRUST_PROXY: '127.0.0.1/32, 10.0.0.0/8' })).toBe('203.0.113.7');
    expect(await addressSeenWith({ TRUST_PROXY: '1' })).toBe('203.0.113.7');
  });

  it('is the one as many hops back as TRUST_PROXY counts', async () => {
    expect(await addressSeenWith({ TRUST_PROXY: '2' })).toBe('198.51.100.9');
  });

  it('is the socket\'s when the request did not come through a trusted proxy', async () => {
    expect(await addressSeenWith({ TRUST_PROXY: '10.0.0.0/8' })).toBe('127.0.0.1');
    expect(await addressSeenWith({ TRUST_PROXY: 'loopback' }, {})).toBe('127.0.0.1');
  });
});
