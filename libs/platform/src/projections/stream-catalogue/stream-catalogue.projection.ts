import type { SqlRunner } from '../../database/sql';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../projection';

interface StreamSummary {
  stream_id: string;
  category: string;
  revision: number;
  event_count: number;
  first_event_at: string;
  last_event_at: string;
  last_event_type: string;
}

/** The catalogue of streams (category = the part of the stream id before the first dash). */
export class StreamCatalogueProjection implements Projection {
  readonly name = 'stream-catalogue';
  readonly version: number = 1;
  readonly tables = ['stream_catalogue'];
  /** Every write feeds it and no request reads it: no write waits for it (ADR 015). */
  readonly awaitedBy = 'readers';

  async apply(events: readonly RecordedEvent[], tx: SqlRunner): Promise<void> {
    const byStream = new Map<string, StreamSummary>();
    for (const event of events) {
      const at = event.createdAt.toISOString();
      const summary = byStream.get(event.streamId);
      if (summary) {
        summary.revision = Math.max(summary.revision, event.revision);
        summary.event_count++;
        summary.last_event_at = at;
        summary.last_event_type = event.type;
      } else {
        byStream.set(event.streamId, {
          stream_id: event.streamId,
          category: categoryOf(event.streamId),
          revision: event.revision,
          event_count: 1,
          first_event_at: at,
          last_event_at: at,
          last_event_type: event.type,
        });
      }
    }
    if (byStream.size === 0) return;
    // One statement per batch, whatever its size.
    await tx.query(
      `INSERT INTO stream_catalogue AS c (stream_id, category, revision, event_count, first_event_at, last_event_at, last_event_type)
       SELECT stream_id, category, revision, event_count, first_event_at, last_event_at, last_event_type FROM jsonb_to_recordset($1::jsonb) AS r(stream_id text, category text, revision bigint, event_count bigint,
         first_event_at timestamptz, last_event_at timestamptz, last_event_type text)
       ON CONFLICT (stream_id) DO UPDATE SET
         revision = GREATEST(c.revision, EXCLUDED.revision),
         event_count = c.event_count + EXCLUDED.event_count,
         last_event_at = EXCLUDED.last_event_at,
         last_event_type = EXCLUDED.last_event_type`,
      [JSON.stringify([...byStream.values()])],
    );
  }
}

export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}
