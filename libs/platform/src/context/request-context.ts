import { comparePositions, type Position } from '../event-store/position';
import { SYSTEM_ACTOR } from '../events/event-metadata';

/**
 * What the platform knows about the request being served: events take their
 * requestId/correlationId/actorId metadata from it, and the reply waits for the read models to
 * pass `writtenPosition`. The credential fields are filled in once authentication has run.
 *
 * It is handed on explicitly (the HTTP request holds it, commands carry it to their handlers)
 * rather than kept in an AsyncLocalStorage: on this runtime an active async-local store runs a hook
 * on every promise the process creates, requests or not, and a request makes hundreds.
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

/**
 * Remember that the request appended at `position`; keeps the greatest one, because a reply must
 * wait for all of its writes. Without a request (boot, projections, CLI) nobody waits: a no-op.
 */
export function recordWrite(context: RequestContext | undefined, position: Position): void {
  if (!context) return;
  if (!context.writtenPosition || comparePositions(position, context.writtenPosition) > 0) {
    context.writtenPosition = position;
  }
}

/** The account acting in the request, or `fallback` outside one (the service itself, unless told). */
export function actorOf(context: RequestContext | undefined, fallback: string = SYSTEM_ACTOR): string {
  return context?.actorId ?? fallback;
}
