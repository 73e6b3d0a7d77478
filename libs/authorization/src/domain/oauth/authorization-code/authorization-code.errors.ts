import { ConflictError } from '@app/platform';

/** The grant id is taken: a retried or duplicated issue. Ids are fresh UUIDs, so never a client's doing. */
export class AuthorizationCodeAlreadyIssued extends ConflictError {
  constructor() {
    super('The authorization code was already issued.');
  }
}

/**
 * A command no correct caller sends (an unhashed code, a lifetime over ten minutes, a malformed
 * challenge that the authorize request should have refused): a bug, answered 500 and logged, so
 * deliberately not an ApiError.
 */
export class InvalidAuthorizationCodeCommand extends Error {
  constructor(problem: string) {
    super(`Invalid authorization code command: ${problem}.`);
    this.name = 'InvalidAuthorizationCodeCommand';
  }
}
