import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@app/platform';

/**
 * Missing, revoked, or someone else's: one 404 for all, so a PAT id never reveals that a PAT exists
 * for another account, and a revoked PAT is simply gone.
 */
export class PersonalAccessTokenNotFound extends NotFoundError {
  constructor(patId: string) {
    super('personal_access_token', patId, "The personal access token doesn't exist.");
  }
}

/** The id is taken: a retried or duplicated create. */
export class PersonalAccessTokenAlreadyExists extends ConflictError {
  constructor() {
    super('The personal access token already exists.');
  }
}

export class InvalidPersonalAccessToken extends ValidationError {
  constructor(invalidFields: Readonly<Record<string, string>>) {
    super(invalidFields, 'The personal access token has invalid fields.');
  }
}

/**
 * Asking for scopes the caller does not hold: 403 `insufficient_scope`, the answer for "this
 * credential lacks a scope", naming the scopes (scope names are not secret).
 */
export class PersonalAccessTokenScopesNotHeld extends ForbiddenError {
  constructor(readonly scopes: readonly string[]) {
    super(`A personal access token cannot have scopes its maker lacks: ${scopes.join(', ')}.`);
  }
}

/** A command no correct caller sends (an unknown revocation reason): a bug, answered 500. */
export class InvalidPersonalAccessTokenCommand extends Error {
  constructor(problem: string) {
    super(`Invalid personal access token command: ${problem}.`);
    this.name = 'InvalidPersonalAccessTokenCommand';
  }
}
