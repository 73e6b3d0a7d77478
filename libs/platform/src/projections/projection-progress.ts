import type { Notifications, SqlRunner } from '../database/sql';
import { comparePositions, hasReached, type Position } from '../event-store/position';
import { Waiters } from '../event-store/waiters';
import { readCheckpoints } from './checkpoint-store';
import type { Projection } from './projection';

export const PROGRESS_CHANNEL = 'projection_progress';
/** Safety net for a lost notification: while someone waits and nothing was heard this long, read the checkpoints. */
export const RECHECK_MS = 250;

/** What a request waits for: the projections it names have all passed its position. */
interface Awaited {
  readonly position: Position;
  readonly names: readonly string[];
}

/**
 * Knows how far each projection has got, in this process and (through notifications) in every
 * other one, so a request can wait until the read models it reads include its own write.
 */
export class ProjectionProgress {
  private readonly known = new Map<string, Position | null>();
  private readonly waiters = new Waiters<Awaited>();
  private recheck: NodeJS.Timeout | undefined;
  private heardSinceRecheck = false;
  private readonly unsent = new Map<string, Position>();
  private sending = false;
  private refreshing: Promise<void> | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private readonly projectionNames: readonly string[];
  /** The projections a write's reply waits for (Projection.awaitedBy). */
  readonly awaitedByWriters: readonly string[];

  constructor(
    private readonly sql: SqlRunner,
    private readonly notifications: Notifications,
    projections: readonly Pick<Projection, 'name' | 'awaitedBy'>[],
    private readonly onBackgroundError: (error: Error) => void = () => undefined,
  ) {
    this.projectionNames = projections.map((projection) => projection.name);
    this.awaitedByWriters = projections.filter((projection) => projection.awaitedBy !== 'readers').map((projection) => projection.name);
  }

  async start(): Promise<void> {
    this.unlisten = await this.notifications.listen(PROGRESS_CHANNEL, (payload) => this.received(payload));
    await this.refresh();
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    clearInterval(this.recheck);
    this.recheck = undefined;
  }

  /** Called by the runner after a batch commits. */
  advanced(name: string, position: Position): void {
    this.learn(name, position);
    this.unsent.set(name, position);
    this.sendUnsent();
  }

  positionOf(name: string): Position | null {
    return this.known.get(name) ?? null;
  }

  /**
   * Resolves true once every projection named (all of them by default) has passed `target`, false
   * after `timeoutMs`. A waiter is settled by the advance that brings it there, and by no other:
   * under load dozens of requests wait while projections advance hundreds of times a second, and
   * waking every waiter on every advance to check again cost more than the checks.
   */
  async waitFor(target: Position, timeoutMs: number, names: readonly string[] = this.projectionNames): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    if (this.allReached(target, names)) return true;
    // Once a projection's position is known, its advances arrive by notification (a lost one is
    // caught by the recheck): only a process that has not heard of them all yet reads them.
    if (names.some((name) => !this.known.has(name))) {
      // A name no projection has would never be reached: a mistake in the caller, not a wait.
      const unknown = names.find((name) => !this.projectionNames.includes(name));
      if (unknown) throw new Error(`No projection named ${unknown}; known: ${this.projectionNames.join(', ')}`);
      await this.refresh();
      if (this.allReached(target, names)) return true;
    }
    const waiting = this.waiters.wait({ position: target, names }, deadline - Date.now());
    this.recheckWhileWaited();
    return waiting;
  }

  private allReached(target: Position, names: readonly string[]): boolean {
    return names.every((name) => hasReached(this.known.get(name), target));
  }

  /** How far all of `names` have got: the least of their positions (undefined while one has none). */
  private reachedByAll(names: readonly string[]): Position | undefined {
    let least: Position | undefined;
    for (const name of names) {
      const position = this.known.get(name);
      if (!position) return undefined;
      if (!least || comparePositions(position, least) < 0) least = position;
    }
    return least;
  }

  /** Settles the waiters the projections have now all passed; the least position is worked out once per set of names. */
  private settleReached(): void {
    if (this.waiters.size === 0) return;
    const reached = new Map<readonly string[], Position | undefined>();
    this.waiters.settle(({ position, names }) => {
      if (!reached.has(names)) reached.set(names, this.reachedByAll(names));
      return hasReached(reached.get(names), position);
    });
  }

  /** While anyone waits: a period in which no advance was heard ends with a read of the checkpoints. */
  private recheckWhileWaited(): void {
    if (this.recheck) return;
    this.heardSinceRecheck = false;
    this.recheck = setInterval(() => {
      if (this.waiters.size === 0) {
        clearInterval(this.recheck);
        this.recheck = undefined;
        return;
      }
      if (!this.heardSinceRecheck) void this.refresh();
      this.heardSinceRecheck = false;
    }, RECHECK_MS);
    this.recheck.unref?.();
  }

  /** One query at a time, shared by every waiter. */
  private refresh(): Promise<void> {
    this.refreshing ??= readCheckpoints(this.sql)
      .then((checkpoints) => {
        for (const checkpoint of checkpoints) if (checkpoint.position) this.learn(checkpoint.name, checkpoint.position);
      })
      .catch((error: Error) => this.onBackgroundError(error))
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private learn(name: string, position: Position): void {
    const current = this.known.get(name);
    if (current && comparePositions(current, position) >= 0) return;
    this.known.set(name, position);
    this.heardSinceRecheck = true;
    this.settleReached();
  }

  private received(payload: string): void {
    // `name|commit|prepare`, several joined by `;`. An empty payload follows a reconnect: re-read everything.
    const advances = payload ? payload.split(';').map((part) => /^(.+)\|(\d+)\|(\d+)$/.exec(part)) : [null];
    for (const match of advances) {
      if (match) this.learn(match[1], { commit: BigInt(match[2]), prepare: BigInt(match[3]) });
      else void this.refresh();
    }
  }

  /**
   * One notification in flight at a time, carrying every projection's advance since the last one
   * (later advances of a projection replace earlier ones): a write that moves ten projections costs
   * one NOTIFY, not ten.
   */
  private sendUnsent(): void {
    if (this.sending || this.unsent.size === 0) return;
    const payload = [...this.unsent].map(([name, position]) => `${name}|${position.commit}|${position.prepare}`).join(';');
    this.unsent.clear();
    this.sending = true;
    this.notifications
      .notify(PROGRESS_CHANNEL, payload)
      .catch((error: Error) => this.onBackgroundError(error))
      .finally(() => {
        this.sending = false;
        this.sendUnsent();
      });
  }
}
