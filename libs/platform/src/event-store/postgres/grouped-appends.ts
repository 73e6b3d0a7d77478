import type { EventToAppend } from '../../events/event-envelope';
import { isRevisionTaken } from './append-statements';

/** A stream's events and the revision the stream must be at (-1: no stream yet). */
export interface StreamInsert {
  readonly streamId: string;
  readonly at: number;
  readonly events: readonly EventToAppend[];
}

/** An event written, as APPEND_TO_STREAMS returns it. */
export interface InsertedRow {
  readonly stream_id: string;
  readonly revision: string;
  readonly commit: string;
  readonly prepare: string;
}

/** What one caller's appends came to: the rows written, or refused (a stream was not where expected). */
export type GroupedOutcome = { readonly rows: InsertedRow[] } | { readonly refused: true };

interface Caller {
  readonly streams: readonly StreamInsert[];
  readonly resolve: (outcome: GroupedOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/** A statement the database refused for what it held: an integrity (23) or data (22) error. */
function refusedByTheDatabase(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('23') || code.startsWith('22'));
}

/** Events in one statement at most: its JSON document stays a few hundred kilobytes. */
const MAX_EVENTS_PER_STATEMENT = 500;

/**
 * Group commit. The appends callers ask for while a statement is in flight wait, and go together
 * in the next one: one statement, one transaction and one WAL flush for all of them, where each
 * caller had its own. Under load most appends share their statement; alone, an append goes at
 * once, as before.
 *
 * A statement writes all of its events or none (APPEND_TO_STREAMS). Grouped, one caller's stream
 * that is not where it expected (a writer of another process came first) would refuse the others
 * too: then each caller of the group tries again alone, and gets its own outcome. That costs a
 * round trip each, only when a conflict happens (or one caller's data is refused). Callers whose streams overlap never share a
 * statement, and keep their order: a later one never overtakes an earlier one on a stream.
 */
export class GroupedAppends {
  private waiting: Caller[] = [];
  private inFlight = 0;

  /** `insert` runs APPEND_TO_STREAMS for the streams given, in one statement of its own. */
  constructor(
    private readonly insert: (streams: readonly StreamInsert[]) => Promise<InsertedRow[]>,
    private readonly maxInFlight = 1,
  ) {}

  /** The caller's streams, all written or none. A stream may appear once. */
  append(streams: readonly StreamInsert[]): Promise<GroupedOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ streams, resolve, reject });
      this.sendWhileFree();
    });
  }

  private sendWhileFree(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const group = this.takeGroup();
      this.inFlight++;
      void this.send(group).finally(() => {
        this.inFlight--;
        this.sendWhileFree();
      });
    }
  }

  /** The waiting callers that can share a statement, oldest first; the rest keep waiting, in order. */
  private takeGroup(): Caller[] {
    const group: Caller[] = [];
    const left: Caller[] = [];
    // Streams of the group, and of callers left behind: a later caller touching one waits too.
    const claimed = new Set<string>();
    let events = 0;
    for (const caller of this.waiting) {
      const size = caller.streams.reduce((n, stream) => n + stream.events.length, 0);
      const fits = group.length === 0 || (events + size <= MAX_EVENTS_PER_STATEMENT && caller.streams.every((s) => !claimed.has(s.streamId)));
      if (fits) {
        group.push(caller);
        events += size;
      } else left.push(caller);
      for (const stream of caller.streams) claimed.add(stream.streamId);
    }
    this.waiting = left;
    return group;
  }

  private async send(group: Caller[]): Promise<void> {
    if (group.length === 1) return this.sendAlone(group[0]);
    let rows: InsertedRow[];
    try {
      rows = await this.insert(group.flatMap((caller) => caller.streams));
    } catch (error) {
      // A revision taken, or one caller's events refused (data the database will not take), is
      // found again by each caller's own statement, which tells that caller alone. Any other
      // failure (the connection lost) may have come after the commit: sent again, the events
      // would read as a conflict with themselves, so every caller gets the failure, as it would alone.
      if (refusedByTheDatabase(error)) return this.eachAlone(group);
      for (const caller of group) caller.reject(error);
      return;
    }
    if (rows.length === 0) return this.eachAlone(group);
    const byStream = new Map<string, InsertedRow[]>();
    for (const row of rows) byStream.set(row.stream_id, [...(byStream.get(row.stream_id) ?? []), row]);
    for (const caller of group) caller.resolve({ rows: caller.streams.flatMap((stream) => byStream.get(stream.streamId) ?? []) });
  }

  private async eachAlone(group: readonly Caller[]): Promise<void> {
    await Promise.all(group.map((caller) => this.sendAlone(caller)));
  }

  private async sendAlone(caller: Caller): Promise<void> {
    try {
      const rows = await this.insert(caller.streams);
      caller.resolve(rows.length > 0 ? { rows } : { refused: true });
    } catch (error) {
      if (isRevisionTaken(error)) caller.resolve({ refused: true });
      else caller.reject(error);
    }
  }
}
