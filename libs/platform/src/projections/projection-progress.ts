import type { Notifications, SqlRunner } from '../database/sql';
import { comparePositions, hasReached, type Position } from '../event-store/position';
import { WakeSignal } from '../event-store/wake-signal';
import { readCheckpoints } from './checkpoint-store';
import type { Projection } from './projection';

export const PROGRESS_CHANNEL = 'projection_progress';
/** Safety net for a lost notification while someone waits. */
const RECHECK_MS = 250;

/**
 * Knows how far each projection has got, in this process and (through notifications) in every
 * other one, so a request can wait until the read models it reads include its own write.
 */
export class ProjectionProgress {
  private readonly known = new Map<string, Position | null>();
  private readonly advancedSignal = new WakeSignal();
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
    this.advancedSignal.notify();
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

  /** Resolves true once every projection named (all of them by default) has passed `target`, false after `timeoutMs`. */
  async waitFor(target: Position, timeoutMs: number, names: readonly string[] = this.projectionNames): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    if (this.allReached(target, names)) return true;
    // Once a projection's position is known, its advances arrive by notification (a lost one is
    // caught by the recheck below): only a process that has not heard of them all yet reads them.
    if (names.some((name) => !this.known.has(name))) {
      // A name no projection has would never be reached: a mistake in the caller, not a wait.
      const unknown = names.find((name) => !this.projectionNames.includes(name));
      if (unknown) throw new Error(`No projection named ${unknown}; known: ${this.projectionNames.join(', ')}`);
      await this.refresh();
    }
    while (!this.allReached(target, names)) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      const seen = this.advancedSignal.current;
      if (!(await this.advancedSignal.wait(seen, Math.min(left, RECHECK_MS)))) await this.refresh();
    }
    return true;
  }

  private allReached(target: Position, names: readonly string[]): boolean {
    return names.every((name) => hasReached(this.known.get(name), target));
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
    this.advancedSignal.notify();
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
