import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '@app/platform';
import type { AppContext } from './app-context';
import { mapConcurrent } from './pool';

const PER_APPEND = 100;

/**
 * Tops the log up to `target` events. Seeding a million events through the commands would take
 * hours (see docs/benchmarks.md), so the rest are appended through the event store port: streams
 * of a category no projection owns, with events shaped like real ones (JSON data, full metadata).
 * Every projection still reads and skips them, which is what the large-store items measure.
 */
export async function topUpEvents(app: AppContext, target: number, onProgress: (events: number) => void): Promise<number> {
  const have = await app.eventCount();
  const appends = Math.max(0, Math.ceil((target - have) / PER_APPEND));
  let done = 0;
  await mapConcurrent(Array.from({ length: appends }, (_, i) => i), 8, async () => {
    const stream = `benchFiller-${randomUUID()}`;
    await app.runtime.store.appendToStream(stream, Array.from({ length: PER_APPEND }, (_, i) => fillerEvent(i)), { expectedRevision: 'no_stream' });
    if (++done % 500 === 0) onProgress(have + done * PER_APPEND);
  });
  return app.eventCount();
}

function fillerEvent(i: number): EventToAppend {
  const id = randomUUID();
  const at = new Date().toISOString();
  return {
    id,
    type: 'BenchFillerRecorded',
    data: { filler_id: id, sequence: i, note: 'a filler event of the benchmark', at },
    metadata: { schemaVersion: 1, correlationId: id, causationId: id, actorId: 'system', requestId: id, occurredAt: at },
  };
}
