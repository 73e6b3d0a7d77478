import { setImmediate as nextTick } from 'node:timers/promises';
import { currentRequestContext, recordWrite, runWithRequestContext, type RequestContext } from './request-context';

const position = (commit: number, prepare: number) => ({ commit: BigInt(commit), prepare: BigInt(prepare) });

function newContext(requestId = 'req-1'): RequestContext {
  return { requestId, correlationId: requestId };
}

describe('request context', () => {
  it('given no running request, when read, then there is no context', () => {
    expect(currentRequestContext()).toBeUndefined();
  });

  it('given a running request, when read after awaits, then it is the same context', async () => {
    const context = newContext();

    const seen = await runWithRequestContext(context, async () => {
      await nextTick();
      await Promise.resolve();
      return currentRequestContext();
    });

    expect(seen).toBe(context);
  });

  it('given two concurrent requests, when each reads its context, then neither sees the other', async () => {
    const read = (id: string) =>
      runWithRequestContext(newContext(id), async () => {
        await nextTick();
        return currentRequestContext()?.requestId;
      });

    await expect(Promise.all([read('a'), read('b')])).resolves.toEqual(['a', 'b']);
  });

  it('given several writes, when recorded out of order, then the greatest position is kept', () => {
    const context = newContext();

    runWithRequestContext(context, () => {
      recordWrite(position(5, 2));
      recordWrite(position(7, 0));
      recordWrite(position(7, 1));
      recordWrite(position(6, 9));
    });

    expect(context.writtenPosition).toEqual(position(7, 1));
  });

  it('given a write inside a nested async call, when recorded, then the request context holds it', async () => {
    const context = newContext();

    await runWithRequestContext(context, async () => {
      await nextTick();
      recordWrite(position(3, 0));
    });

    expect(context.writtenPosition).toEqual(position(3, 0));
  });

  it('given no running request, when a write is recorded, then nothing fails', () => {
    expect(() => recordWrite(position(1, 0))).not.toThrow();
    expect(currentRequestContext()).toBeUndefined();
  });
});
