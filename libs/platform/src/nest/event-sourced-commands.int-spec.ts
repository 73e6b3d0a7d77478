import { counterDecider as counter, describeOnEachDatabase, openTestEventStore, uniqueStream, type TestEventStore } from '../testing';
import type { RequestContext } from '../context/request-context';
import type { EventStore } from '../event-store/event-store.port';
import { comparePositions } from '../event-store/position';
import type { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { EventSourcedCommands } from './event-sourced-commands';

/** The real store, counting how it is written to. */
function counting(inner: EventStore) {
  const calls = { appendToStream: 0, appendToStreams: 0 };
  const store = Object.create(inner) as EventStore;
  Object.assign(store, {
    appendToStream: (...args: Parameters<EventStore['appendToStream']>) => (calls.appendToStream++, inner.appendToStream(...args)),
    appendToStreams: (...args: Parameters<NonNullable<EventStore['appendToStreams']>>) => (calls.appendToStreams++, inner.appendToStreams!(...args)),
  });
  return { store, calls };
}

const newContext = (): RequestContext => ({ requestId: 'unit', correlationId: 'unit' });

const totalOf = async (store: EventStore, stream: string) => (await store.readStream(stream)).reduce((sum, e) => sum + (e.data as { amount: number }).amount, 0);

describeOnEachDatabase(
  (kind) => `EventSourcedCommands.together on ${kind} (one append for a unit of work)`,
  (kind) => {
    let opened: TestEventStore;
    let inner: PostgresEventStore;
    beforeAll(async () => {
      opened = await openTestEventStore(kind);
      inner = opened.store;
    });
    afterAll(() => opened.dispose());

    it('writes the commands of several streams with one append, and records the position for the reply', async () => {
      const { store, calls } = counting(inner);
      const commands = new EventSourcedCommands(store);
      const [a, b, known] = [uniqueStream(), uniqueStream(), uniqueStream()];
      await commands.execute(known, counter, { amount: 1, limit: 100 }, { context: undefined }); // this process now knows its state
      calls.appendToStream = 0;
      const context: RequestContext = { requestId: 'r1', correlationId: 'r1' };
      await commands.together(context, async () => {
        await commands.execute(a, counter, { amount: 5, limit: 100 }, { expectNew: true, context });
        await commands.execute(a, counter, { amount: 6, limit: 100 }, { expectNew: true, context });
        await commands.execute(b, counter, { amount: 7, limit: 100 }, { context });
        await commands.execute(known, counter, { amount: 2, limit: 100 }, { context });
      });
      const written = context.writtenPosition;
      expect(calls).toEqual({ appendToStream: 0, appendToStreams: 1 });
      expect([await totalOf(inner, a), await totalOf(inner, b), await totalOf(inner, known)]).toEqual([11, 7, 3]);
      // The unit's last event, read by stream: the global log may not have settled it yet while
      // another transaction on the server is open.
      const unit = (await Promise.all([a, b, known].map((stream) => inner.readStream(stream)))).flat();
      const last = unit.map((event) => event.position).reduce((x, y) => (comparePositions(x, y) >= 0 ? x : y));
      expect(written).toEqual(last);
      // What it decided is what this process knows next: the next command appends without reading.
      await commands.execute(known, counter, { amount: 1, limit: 100 }, { context: undefined });
      expect(await totalOf(inner, known)).toBe(4);
    });

    it("gives each event of a command the request's metadata and moment, and its type's schema version", async () => {
      type Pair = { type: 'Opened'; data: { n: number } } | { type: 'Noted'; data: { n: number } };
      const pair = { initialState: () => 0, evolve: (state: number) => state + 1, decide: (n: number): Pair[] => [{ type: 'Opened', data: { n } }, { type: 'Noted', data: { n } }] };
      const commands = new EventSourcedCommands(inner);
      const [alone, inUnit] = [uniqueStream(), uniqueStream()];
      const context: RequestContext = { requestId: 'r2', correlationId: 'c2', actorId: 'actor-2', patId: 'pat-2' };
      await commands.execute(alone, pair, 1, { expectNew: true, schemaVersions: { Noted: 2 }, context });
      await commands.together(context, () => commands.execute(inUnit, pair, 2, { expectNew: true, schemaVersions: { Opened: 3 }, context }));
      for (const [stream, versions] of [[alone, [1, 2]], [inUnit, [3, 1]]] as const) {
        const events = await inner.readStream(stream);
        expect(events.map((event) => event.metadata.schemaVersion)).toEqual(versions);
        for (const event of events) {
          expect(event.metadata).toMatchObject({ requestId: 'r2', correlationId: 'c2', causationId: 'r2', actorId: 'actor-2', patId: 'pat-2' });
          expect(event.metadata).not.toHaveProperty('clientId');
        }
        expect(events[1].metadata.occurredAt).toBe(events[0].metadata.occurredAt);
      }
      // An OAuth client's request: the client is named, and no token that was not used.
      const byClient = uniqueStream();
      await commands.execute(byClient, pair, 3, { expectNew: true, context: { requestId: 'r3', correlationId: 'r3', actorId: 'actor-3', clientId: 'client-3' } });
      for (const event of await inner.readStream(byClient)) {
        expect(event.metadata).toMatchObject({ requestId: 'r3', actorId: 'actor-3', clientId: 'client-3' });
        expect(event.metadata).not.toHaveProperty('patId');
      }
    });

    it('keeps the units of two requests apart, and runs work outside a request the ordinary way', async () => {
      const { store, calls } = counting(inner);
      const commands = new EventSourcedCommands(store);
      const [first, second] = [newContext(), newContext()];
      const [a, b, c] = [uniqueStream(), uniqueStream(), uniqueStream()];
      const unitOf = (context: RequestContext, stream: string) =>
        commands.together(context, async () => {
          await commands.execute(stream, counter, { amount: 1, limit: 100 }, { expectNew: true, context });
          await new Promise((resolve) => setImmediate(resolve)); // the other request's unit runs meanwhile
          await commands.execute(stream, counter, { amount: 2, limit: 100 }, { context });
        });
      await Promise.all([unitOf(first, a), unitOf(second, b)]);
      expect(calls).toEqual({ appendToStream: 0, appendToStreams: 2 });
      expect([await totalOf(inner, a), await totalOf(inner, b)]).toEqual([3, 3]);
      expect(first.writtenPosition).toEqual((await inner.readStream(a)).at(-1)!.position);
      expect(second.writtenPosition).toEqual((await inner.readStream(b)).at(-1)!.position);
      await commands.together(undefined, async () => {
        await commands.execute(c, counter, { amount: 1, limit: 100 }, { expectNew: true, context: undefined });
        await commands.execute(c, counter, { amount: 1, limit: 100 }, { context: undefined });
      });
      expect(calls).toEqual({ appendToStream: 2, appendToStreams: 2 });
    });

    it('decides each command of a unit once, on a stream it knows and on a new one', async () => {
      const decisions: number[] = [];
      const counting = { ...counter, decide: (command: { amount: number; limit: number }, state: { total: number }) => (decisions.push(command.amount), counter.decide(command, state)) };
      const commands = new EventSourcedCommands(inner);
      const [fresh, known] = [uniqueStream(), uniqueStream()];
      await commands.execute(known, counting, { amount: 1, limit: 100 }, { context: undefined });
      decisions.length = 0;
      const context = newContext();
      await commands.together(context, async () => {
        await commands.execute(fresh, counting, { amount: 3, limit: 100 }, { expectNew: true, context });
        await commands.execute(known, counting, { amount: 4, limit: 100 }, { context });
        await commands.execute(known, counting, { amount: 5, limit: 100 }, { context });
      });
      expect(decisions).toEqual([3, 4, 5]);
      expect([await totalOf(inner, fresh), await totalOf(inner, known)]).toEqual([3, 10]);
    });

    it('when a stream moved on meanwhile, writes nothing of the unit and runs it again the ordinary way', async () => {
      const { store, calls } = counting(inner);
      const commands = new EventSourcedCommands(store);
      const [fresh, shared] = [uniqueStream(), uniqueStream()];
      await commands.execute(shared, counter, { amount: 50, limit: 100 }, { context: undefined });
      await inner.appendToStream(shared, [{ id: crypto.randomUUID(), type: 'Deposited', data: { amount: 45 }, metadata: {} as never }], { expectedRevision: 0 }); // another process
      calls.appendToStream = 0;
      let runs = 0;
      const context = newContext();
      await expect(
        commands.together(context, async () => {
          runs++;
          await commands.execute(fresh, counter, { amount: 1, limit: 100 }, { expectNew: true, context });
          await commands.execute(shared, counter, { amount: 10, limit: 100 }, { context }); // fine on the cached 50, over the limit on the real 95
        }),
      ).rejects.toThrow('over the limit');
      expect(runs).toBe(2);
      expect(calls.appendToStreams).toBe(1);
      // The second, ordinary run wrote the first command before the second refused: as without a unit.
      expect([await totalOf(inner, fresh), await totalOf(inner, shared)]).toEqual([1, 95]);
    });

    it('a refusal on a state it did not read is not trusted: the stream is read and decided again', async () => {
      const commands = new EventSourcedCommands(inner);
      const stream = uniqueStream();
      await commands.execute(stream, counter, { amount: 90, limit: 100 }, { context: undefined });
      await inner.appendToStream(stream, [{ id: crypto.randomUUID(), type: 'Deposited', data: { amount: -80 }, metadata: {} as never }], { expectedRevision: 0 });
      // Over the limit on the cached 90; fine on the real 10.
      const context = newContext();
      await commands.together(context, () => commands.execute(stream, counter, { amount: 50, limit: 100 }, { context }));
      expect(await totalOf(inner, stream)).toBe(60);
    });
  },
);
