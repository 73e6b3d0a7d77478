import { FastifyAdapter } from '@nestjs/platform-fastify';
import { recordWrite, type RequestContext } from '../context/request-context';
import { ReplyAfterOwnWrites } from './reply-after-own-writes';
import { installRequestContextHooks, requestContextOf } from './request-context.hooks';

const POSITION = { commit: 7n, prepare: 3n };

/** A bare Fastify app with the request context and the hook; `/write` appends (records a position), `/read` does not. */
async function appWith(visibleFor: (context: RequestContext) => Promise<boolean>) {
  const adapter = new FastifyAdapter();
  installRequestContextHooks(adapter);
  const hook = new ReplyAfterOwnWrites();
  const fastify = adapter.getInstance();
  hook.install(fastify);
  hook.use({ visibleFor });
  fastify.post('/write', async (request) => {
    recordWrite(requestContextOf(request), POSITION);
    return { written: true };
  });
  fastify.get('/read', async () => ({ read: true }));
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  const { port } = fastify.server.address() as { port: number };
  const call = async (method: string, path: string) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { method });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  return { call, close: () => fastify.close() };
}

describe('ReplyAfterOwnWrites', () => {
  it('given a request that wrote, when it replies, then the reply waits until its writes are visible', async () => {
    const events: string[] = [];
    const app = await appWith(async (context) => {
      events.push(`waiting for ${context.writtenPosition?.commit}/${context.writtenPosition?.prepare}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      events.push('visible');
      return true;
    });

    const reply = await app.call('POST', '/write');
    events.push('replied');

    expect(reply.body).toEqual({ written: true });
    expect(events).toEqual(['waiting for 7/3', 'visible', 'replied']);
    await app.close();
  });

  it('given a request that wrote nothing, when it replies, then nothing is waited for', async () => {
    const waited: RequestContext[] = [];
    const app = await appWith(async (context) => waited.push(context) > 0);

    expect((await app.call('GET', '/read')).body).toEqual({ read: true });
    expect(waited).toEqual([]);
    await app.close();
  });

  it('given the read models stay behind past the bound, when the request that wrote replies, then its own reply goes unchanged', async () => {
    const app = await appWith(async () => false);

    expect(await app.call('POST', '/write')).toEqual({ status: 200, body: { written: true } });
    await app.close();
  });

  it('given the wait fails (the database went away), when the request that wrote replies, then its own reply goes unchanged', async () => {
    const app = await appWith(async () => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });

    expect(await app.call('POST', '/write')).toEqual({ status: 200, body: { written: true } });
    await app.close();
  });
});
