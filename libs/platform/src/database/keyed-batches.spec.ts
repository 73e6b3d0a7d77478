import { KeyedBatches } from './keyed-batches';

/** A statement that answers every key with `<key>@<version at its start>` and ends when told. */
function controlledStatements() {
  const started: { keys: readonly string[]; finish: () => void; fail: (error: Error) => void }[] = [];
  let version = 0;
  const batches = new KeyedBatches<string>(
    (keys) =>
      new Promise((resolve, reject) => {
        const at = version;
        started.push({
          keys,
          finish: () => resolve(new Map(keys.filter((k) => !k.startsWith('missing')).map((k) => [k, `${k}@${at}`]))),
          fail: reject,
        });
      }),
    3,
  );
  return { batches, started, write: () => version++ };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedBatches', () => {
  it('given nothing in flight, then a key goes at once, alone', async () => {
    const { batches, started } = controlledStatements();

    const answer = batches.get('a');

    expect(started.map((s) => s.keys)).toEqual([['a']]);
    started[0].finish();
    expect(await answer).toBe('a@0');
  });

  it('given a statement in flight, then the keys asked meanwhile go together into the next one, which sees what was written before they asked', async () => {
    const { batches, started, write } = controlledStatements();
    const first = batches.get('a');
    write();
    const later = [batches.get('a'), batches.get('b'), batches.get('b'), batches.get('missing')];
    await settle();
    expect(started).toHaveLength(1);

    started[0].finish();
    await settle();

    expect(await first).toBe('a@0');
    expect(started.map((s) => s.keys)).toEqual([['a'], ['a', 'b', 'missing']]);
    started[1].finish();
    expect(await Promise.all(later)).toEqual(['a@1', 'b@1', 'b@1', undefined]);
  });

  it('given more keys than a statement takes, then the rest go in the statements after it', async () => {
    const { batches, started } = controlledStatements();
    const first = batches.get('x');
    const rest = ['a', 'b', 'c', 'd'].map((k) => batches.get(k));
    started[0].finish();
    await first;
    await settle();
    started[1].finish();
    await settle();
    started[2].finish();

    expect(await Promise.all(rest)).toEqual(['a@0', 'b@0', 'c@0', 'd@0']);
    expect(started.map((s) => s.keys)).toEqual([['x'], ['a', 'b', 'c'], ['d']]);
  });

  it('given a statement that fails, then every caller in it fails and the callers after it are still answered', async () => {
    const { batches, started } = controlledStatements();
    const first = batches.get('a');
    const next = batches.get('b');
    started[0].fail(new Error('connection lost'));

    await expect(first).rejects.toThrow('connection lost');
    await settle();
    started[1].finish();
    expect(await next).toBe('b@0');
  });
});
