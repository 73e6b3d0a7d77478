import { SYSTEM_ACTOR, type RequestContext } from '@app/platform';

/** The account acting in the request, or `fallback` (e.g. a new account signing itself up). */
export function actorOf(context: RequestContext | undefined, fallback: string = SYSTEM_ACTOR): string {
  return context?.actorId ?? fallback;
}
