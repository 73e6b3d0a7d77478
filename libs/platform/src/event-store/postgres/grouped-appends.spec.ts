import { GroupedAppends, type InsertedRow, type StreamInsert } from './grouped-appends';

/** A statement the grouper sent: the streams in it, answered when the test says so. */
interface Sent {
  readonly streams: readonly StreamInsert[];
  answer(rows?: InsertedRow[]): void;
  fail(error: unknown): void;
}

const event = (type: string) => ({ id: type, type, data: {}, metadata: {} }) as never;
const stream = (streamId: string, events = 1, at = -1): StreamInsert => ({ streamId, at, events: Array.from({ length: events }, (_, k) => event(`${streamId}-${k}`)) });
/** The rows a database would return for every event of the streams, in one transaction. */
const rowsOf = (streams: readonly StreamInsert[], commit = '7'): InsertedRow[] =>
  streams.flatMap((s, i) => s.events.map((_, k) => ({ stream_id: s.streamId, revision: String(s.at + 1 + k), commit, prepare: String(i * 100 + k) })));
const revisionTaken = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
const settle = () => new Promise((resolve) => setImmediate(resolve));

function grouper(maxInFlight = 1) {
  const sent: Sent[] = [];
  const appends = new GroupedAppends(
    (streams) =>
      new Promise<InsertedRow[]>((resolve, reject) => {
        sent.push({ streams, answer: (rows) => resolve(rows ?? rowsOf(streams)), fail: reject });
      }),
    maxInFlight,
  );
  const names = (n: number) => sent[n].streams.map((s) => s.streamId);
  return { appends, sent, names };
}

describe('GroupedAppends', () => {
  it('sends a lone append at once, in a statement of its own', async () => {
    const { appends, sent, names } = grouper();
    const outcome = appends.append([stream('a', 2)]);
    expect(sent).toHaveLength(1);
    expect(names(0)).toEqual(['a']);
    sent[0].answer();
    expect(await outcome).toEqual({ rows: rowsOf([stream('a', 2)]) });
  });

  it('puts the appends asked for while a statement is in flight in the next one, and gives each its own rows', async () => {
    const { appends, sent, names } = grouper();
    const first = appends.append([stream('a')]);
    const second = appends.append([stream('b'), stream('c', 2)]);
    const third = appends.append([stream('d')]);
    expect(sent).toHaveLength(1);
    sent[0].answer();
    await first;
    await settle();
    expect(sent).toHaveLength(2);
    expect(names(1)).toEqual(['b', 'c', 'd']);
    sent[1].answer();
    expect(((await second) as { rows: InsertedRow[] }).rows.map((r) => `${r.stream_id}@${r.revision}`)).toEqual(['b@0', 'c@0', 'c@1']);
    expect(((await third) as { rows: InsertedRow[] }).rows.map((r) => `${r.stream_id}@${r.revision}`)).toEqual(['d@0']);
  });

  it('keeps as many statements in flight as it is allowed', async () => {
    const { appends, sent, names } = grouper(2);
    void appends.append([stream('a')]);
    void appends.append([stream('b')]);
    void appends.append([stream('c')]);
    void appends.append([stream('d')]);
    expect(sent.map((_, n) => names(n))).toEqual([['a'], ['b']]);
    sent[1].answer();
    await settle();
    expect(sent.map((_, n) => names(n))).toEqual([['a'], ['b'], ['c', 'd']]);
  });

  it('never puts callers of one stream in one statement, nor lets a later one overtake an earlier one', async () => {
    const { appends, sent, names } = grouper();
    void appends.append([stream('x')]);
    void appends.append([stream('a'), stream('s')]);
    void appends.append([stream('s', 1, 0), stream('t')]);
    // Shares a stream only with the caller left behind: it must wait behind it too.
    void appends.append([stream('t', 1, 0)]);
    void appends.append([stream('c')]);
    sent[0].answer();
    await settle();
    expect(names(1)).toEqual(['a', 's', 'c']);
    sent[1].answer();
    await settle();
    expect(names(2)).toEqual(['s', 't']);
    sent[2].answer();
    await settle();
    expect(names(3)).toEqual(['t']);
  });

  it('holds no more than 500 events in one statement, but sends a larger append whole', async () => {
    const { appends, sent, names } = grouper();
    void appends.append([stream('x')]);
    void appends.append([stream('big', 600)]);
    void appends.append([stream('a', 300)]);
    void appends.append([stream('b', 200)]);
    void appends.append([stream('c', 1)]);
    sent[0].answer();
    await settle();
    expect(names(1)).toEqual(['big']);
    sent[1].answer();
    await settle();
    expect(names(2)).toEqual(['a', 'b']);
  });

  it.each([
    ['refuses the statement (a stream behind its expected revision)', (s: Sent) => s.answer([])],
    ['fails on a revision taken', (s: Sent) => s.fail(revisionTaken)],
  ])('when a group %s, sends each caller again alone, so only the one in conflict is refused', async (_, refuse) => {
    const { appends, sent, names } = grouper();
    void appends.append([stream('x')]);
    const ok = appends.append([stream('a')]);
    const conflicting = appends.append([stream('b', 1, 3)]);
    sent[0].answer();
    await settle();
    expect(names(1)).toEqual(['a', 'b']);
    refuse(sent[1]);
    await settle();
    expect(sent.slice(2).map((s) => s.streams.map((x) => x.streamId))).toEqual([['a'], ['b']]);
    sent[2].answer();
    refuse(sent[3]);
    expect(await ok).toEqual({ rows: rowsOf([stream('a')]) });
    expect(await conflicting).toEqual({ refused: true });
  });

  it('refuses a lone caller whose statement is refused, and rejects it with any other failure', async () => {
    const { appends, sent } = grouper(3);
    const behind = appends.append([stream('a', 1, 4)]);
    const taken = appends.append([stream('b', 1, 4)]);
    const broken = appends.append([stream('c')]);
    sent[0].answer([]);
    sent[1].fail(revisionTaken);
    sent[2].fail(new Error('connection lost'));
    expect(await behind).toEqual({ refused: true });
    expect(await taken).toEqual({ refused: true });
    await expect(broken).rejects.toThrow('connection lost');
  });

  it("tells each caller of a group the database refused for one caller's data its own outcome", async () => {
    const { appends, sent } = grouper();
    void appends.append([stream('x')]);
    const a = appends.append([stream('a')]);
    const b = appends.append([stream('b')]);
    const unsupported = Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' });
    sent[0].answer();
    await settle();
    sent[1].fail(unsupported);
    await settle();
    expect(sent).toHaveLength(4);
    sent[2].answer();
    sent[3].fail(unsupported);
    expect(await a).toEqual({ rows: rowsOf([stream('a')]) });
    await expect(b).rejects.toBe(unsupported);
  });

  it('gives every caller of a group a failure that may have come after the commit, sending nothing again', async () => {
    const { appends, sent } = grouper();
    void appends.append([stream('x')]);
    const a = appends.append([stream('a')]);
    const b = appends.append([stream('b')]);
    sent[0].answer();
    await settle();
    sent[1].fail(new Error('Connection terminated unexpectedly'));
    await expect(a).rejects.toThrow('Connection terminated unexpectedly');
    await expect(b).rejects.toThrow('Connection terminated unexpectedly');
    await settle();
    expect(sent).toHaveLength(2);
  });
});
