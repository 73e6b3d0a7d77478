import { SubjectsAhead, type SubjectKey } from './subjects-ahead';

/** A key store in memory that records each statement's ids; `keeps` decides which ids it stores. */
function memoryStore(keeps: (subjectId: string) => boolean = () => true) {
  const statements: string[][] = [];
  const make = async (subjectIds: readonly string[]): Promise<SubjectKey[]> => {
    statements.push([...subjectIds]);
    await new Promise((resolve) => setImmediate(resolve));
    return subjectIds.filter(keeps).map((subjectId) => ({ subjectId, key: Buffer.from(subjectId) }));
  };
  return { statements, make };
}

describe('subjects stored ahead', () => {
  it('gives concurrent takers distinct subjects from shared statements of a batch each', async () => {
    const store = memoryStore();
    const ahead = new SubjectsAhead(store.make, 8);
    const taken = await Promise.all(Array.from({ length: 20 }, () => ahead.take()));
    expect(new Set(taken.map((s) => s.subjectId)).size).toBe(20);
    // 20 takers need three batches of 8, not one statement each.
    expect(store.statements.length).toBeGreaterThanOrEqual(3);
    expect(store.statements.length).toBeLessThanOrEqual(4);
    expect(store.statements.every((ids) => ids.length === 8)).toBe(true);
    // Each subject comes with the key stored for it.
    for (const { subjectId, key } of taken) expect(key.toString()).toBe(subjectId);
  });

  it('stores the next batch while a quarter of the last is still left', async () => {
    const store = memoryStore();
    const ahead = new SubjectsAhead(store.make, 8);
    for (let i = 0; i < 6; i++) await ahead.take();
    expect(store.statements).toHaveLength(1);
    await ahead.take(); // one left: fewer than a quarter of 8
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.statements).toHaveLength(2);
  });

  it('refuses, rather than asking forever, when the store keeps no key', async () => {
    const store = memoryStore(() => false);
    const ahead = new SubjectsAhead(store.make, 8);
    await expect(ahead.take()).rejects.toThrow(/No new subject keys/);
    expect(store.statements).toHaveLength(1);
  });

  it('lets a failed statement fail its takers, and the next taker try again', async () => {
    let fail = true;
    const store = memoryStore();
    const ahead = new SubjectsAhead(async (ids) => {
      if (fail) throw new Error('connection lost');
      return store.make(ids);
    }, 8);
    await expect(ahead.take()).rejects.toThrow('connection lost');
    fail = false;
    await expect(ahead.take()).resolves.toMatchObject({ subjectId: expect.any(String) });
  });
});
