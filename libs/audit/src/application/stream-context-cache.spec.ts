import type { RecordedEvent } from '@app/platform';
import { evolveStreamContext, initialStreamContext, type StreamContext } from '../domain';
import { StreamContextCache } from './stream-context-cache';

const ORG = '11111111-1111-4111-8111-111111111111';

function accountEvents(accountId: string, count: number): RecordedEvent[] {
  return Array.from({ length: count }, (_, revision) => ({
    id: `${accountId}-${revision}`,
    streamId: `account-${accountId}`,
    revision,
    type: revision === 0 ? 'AccountCreated' : 'AccountUpdated',
    data: revision === 0 ? { account_id: accountId, organization_id: ORG, name: 'name 0' } : { account_id: accountId, changes: { name: `name ${revision}` } },
    metadata: { schemaVersion: 1, correlationId: 'c', causationId: 'c', actorId: 'system', requestId: 'r', occurredAt: '2025-01-01T00:00:00.000Z' },
    position: { commit: 1n, prepare: BigInt(revision) },
    createdAt: new Date(0),
  }));
}

/** A store holding the given streams, counting the events it is asked for. */
function storeOf(streams: RecordedEvent[][]) {
  const reads: { streamId: string; fromRevision: number; maxCount: number }[] = [];
  return {
    reads,
    readStream: async (streamId: string, options: { fromRevision?: number; maxCount?: number } = {}) => {
      const fromRevision = options.fromRevision ?? 0;
      const maxCount = options.maxCount ?? Infinity;
      reads.push({ streamId, fromRevision, maxCount });
      const events = streams.find((s) => s[0].streamId === streamId) ?? [];
      return events.filter((e) => e.revision >= fromRevision).slice(0, maxCount);
    },
  };
}

const folded = (events: RecordedEvent[]): StreamContext => events.reduce(evolveStreamContext, initialStreamContext());

describe('StreamContextCache', () => {
  it('answers the context before each event, from memory while the stream is remembered', async () => {
    const a = accountEvents('a', 4);
    const store = storeOf([a]);
    const cache = new StreamContextCache(store);
    for (const event of a) {
      const before = await cache.before(event);
      expect(before).toEqual(folded(a.slice(0, event.revision)));
      cache.remember(event.streamId, evolveStreamContext(before, event));
    }
    expect(store.reads).toEqual([]);
  });

  it('keeps other streams as text within its byte budget, and refolds one that fell out, a page at a time', async () => {
    const streams = ['a', 'b', 'c', 'd'].map((id) => accountEvents(id, 6));
    const store = storeOf(streams);
    const oneContext = JSON.stringify(folded(streams[0])).length + streams[0][0].streamId.length;
    const cache = new StreamContextCache(store, { maxBytes: oneContext * 2, refoldBatch: 2 });
    // Interleaved: a0 b0 c0 d0 a1 b1 ... so each stream is away while three others pass.
    for (let revision = 0; revision < 6; revision++) {
      for (const stream of streams) {
        const event = stream[revision];
        const before = await cache.before(event);
        expect(before).toEqual(folded(stream.slice(0, revision)));
        cache.remember(event.streamId, evolveStreamContext(before, event));
      }
      // The stream at hand plus at most two remembered as text.
      expect(cache.size).toBeLessThanOrEqual(3);
    }
    // Round robin over four streams with room for three: each fell out and was read again, in pages of 2.
    expect(store.reads.every((read) => read.maxCount <= 2)).toBe(true);
    expect(store.reads.filter((read) => read.streamId === 'account-a').slice(-3)).toEqual([
      { streamId: 'account-a', fromRevision: 0, maxCount: 2 },
      { streamId: 'account-a', fromRevision: 2, maxCount: 2 },
      { streamId: 'account-a', fromRevision: 4, maxCount: 1 },
    ]);
  });

  it('counts streams too: one remembered besides the one at hand', async () => {
    const replay = async (ids: string[]) => {
      const streams = ids.map((id) => accountEvents(id, 3));
      const store = storeOf(streams);
      const cache = new StreamContextCache(store, { maxStreams: 1 });
      for (const revision of [0, 1, 2]) {
        for (const stream of streams) {
          const before = await cache.before(stream[revision]);
          expect(before).toEqual(folded(stream.slice(0, revision)));
          cache.remember(stream[revision].streamId, evolveStreamContext(before, stream[revision]));
        }
      }
      expect(cache.size).toBe(2);
      return new Set(store.reads.map((read) => read.streamId));
    };
    expect(await replay(['a', 'b'])).toEqual(new Set());
    expect(await replay(['a', 'b', 'c'])).toEqual(new Set(['account-a', 'account-b', 'account-c']));
  });
});
