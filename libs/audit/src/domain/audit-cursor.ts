/**
 * A page cursor is the position of the last entry shown, opaque to clients (base64url), so the
 * next page starts strictly before it whatever was appended meanwhile.
 */
export interface CursorPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not one this service gave out.');
    this.name = new.target.name;
  }
}

export function encodeCursor(position: string): string {
  return Buffer.from(`v1:${position}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  const match = /^v1:(\d{1,20})\/(\d{1,20})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError();
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}
