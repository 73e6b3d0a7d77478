import { AsyncLocalStorage } from 'node:async_hooks';
import { comparePositions, type Position } from '../event-store/position';

/**
 * What the platform knows about the request being served, wherever the code runs: events take
 * their requestId/correlationId/actorId metadata from it, and the reply waits for the read models
 * to pass `writtenPosition`. The credential fields are filled in once authentication has run.
 */
export interface RequestContext {
  readonly requestId: string;
  readonly correlationId: string;
  actorId?: string;
  clientId?: string;
  patId?: string;
  /** The furthest log position this request appended at, if it wrote anything. */
  writtenPosition?: Position;
  /** The furthest position the request has already waited to be visible (OwnWrites). */
  visiblePosition?: Position;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** Undefined outside a request (boot, projections, CLI). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * Remember that the current request appended at `position`; keeps the greatest one, because a
 * reply must wait for all of its writes. Outside a request there is nobody to wait: a no-op.
 */
export function recordWrite(position: Position): void {
  const context = storage.getStore();
  if (!context) return;
  if (!context.writtenPosition || comparePositions(position, context.writtenPosition) > 0) {
    context.writtenPosition = position;
  }
}
