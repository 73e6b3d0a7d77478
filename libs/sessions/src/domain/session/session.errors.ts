import { ConflictError, NotFoundError } from '@app/platform';

/** Missing, already removed, or another account's: all look the same to the caller. */
export class SessionNotFound extends NotFoundError {
  constructor(readonly sessionId: string) {
    super('session', sessionId);
  }
}

/** Session ids come from the application, so this means a retried or duplicated start. */
export class SessionAlreadyStarted extends ConflictError {
  constructor(readonly sessionId: string) {
    super('The session already exists.');
  }
}

/**
 * A programming error, not a client's: personal data reached the domain unsealed. A plain Error,
 * so the client gets a generic 500 and the value is not echoed anywhere.
 */
export class UnsealedPersonalData extends Error {
  constructor(readonly field: string) {
    super(`${field} must arrive sealed, never in clear`);
    this.name = new.target.name;
  }
}
