import { WrongExpectedRevisionError } from './event-store.errors';
import type { AppendResult, EventStore, ExpectedRevision } from './event-store.port';

/**
 * An append of no events writes nothing but still checks the expectation, the same way on every
 * adapter; it answers with the stream's revision and the current head of the log.
 */
export async function appendNothing(
  store: Pick<EventStore, 'headPosition'>,
  streamId: string,
  expected: ExpectedRevision,
  actual: number | 'no_stream',
): Promise<AppendResult> {
  const matches =
    expected === 'any' ||
    (expected === 'no_stream' && actual === 'no_stream') ||
    (expected === 'stream_exists' && actual !== 'no_stream') ||
    expected === actual;
  if (!matches) throw new WrongExpectedRevisionError(streamId, expected, actual);
  const head = (await store.headPosition()) ?? { commit: 0n, prepare: 0n };
  return { nextExpectedRevision: actual === 'no_stream' ? -1 : actual, position: head };
}
