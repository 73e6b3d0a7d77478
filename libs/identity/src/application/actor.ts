import { currentRequestContext, SYSTEM_ACTOR } from '@app/platform';

/** The account acting in the current request, or `fallback` (e.g. a new account signing itself up). */
export function currentActor(fallback: string = SYSTEM_ACTOR): string {
  return currentRequestContext()?.actorId ?? fallback;
}
