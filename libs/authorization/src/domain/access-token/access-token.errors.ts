import { ConflictError, NotFoundError } from '@app/platform';

export class AccessTokenNotFound extends NotFoundError {
  constructor(tokenId: string) {
    super('token', tokenId, "The token doesn't exist.");
  }
}

/** The id is taken: a retried or duplicated issue. Ids are fresh UUIDs, so never a client's doing. */
export class AccessTokenAlreadyIssued extends ConflictError {
  constructor() {
    super('The token was already issued.');
  }
}

/**
 * A command no correct caller sends (expiry before issue, an unknown revocation reason): a bug,
 * answered 500 and logged, so deliberately not an ApiError.
 */
export class InvalidAccessTokenCommand extends Error {
  constructor(problem: string) {
    super(`Invalid access token command: ${problem}.`);
    this.name = 'InvalidAccessTokenCommand';
  }
}
