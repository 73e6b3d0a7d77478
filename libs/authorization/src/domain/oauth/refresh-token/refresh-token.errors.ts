import { ConflictError, NotFoundError } from '@app/platform';

export class RefreshTokenFamilyNotFound extends NotFoundError {
  constructor(familyId: string) {
    super('token', familyId, "The token doesn't exist.");
  }
}

/** The family id is taken: a retried or duplicated issue. Ids are fresh UUIDs, so never a client's doing. */
export class RefreshTokenAlreadyIssued extends ConflictError {
  constructor() {
    super('The refresh token was already issued.');
  }
}

/**
 * A command no correct caller sends (an unhashed token, a rotating refresh without the new hash,
 * a new hash for a family that does not rotate, an unknown revocation reason): a bug, answered 500
 * and logged, so deliberately not an ApiError.
 */
export class InvalidRefreshTokenCommand extends Error {
  constructor(problem: string) {
    super(`Invalid refresh token command: ${problem}.`);
    this.name = 'InvalidRefreshTokenCommand';
  }
}
