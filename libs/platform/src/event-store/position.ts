/**
 * A place in the global order of all events. `commit` orders transactions, `prepare` orders events
 * inside one; compare both, in that order. (EventStoreDB positions have the same two parts.)
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** The same place; no position (start) equals only itself. */
export function samePosition(a: Position | null, b: Position | null): boolean {
  return a === null || b === null ? a === b : comparePositions(a, b) === 0;
}

/** True when `position` is at or past `target`; no position (start) is before everything. */
export function hasReached(position: Position | null | undefined, target: Position): boolean {
  return !!position && comparePositions(position, target) >= 0;
}

export function formatPosition(position: Position | null): string {
  return position ? `${position.commit}/${position.prepare}` : 'start';
}

export function parsePosition(text: string): Position | null {
  if (text === 'start') return null;
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new Error(`Not a log position: ${text}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}
