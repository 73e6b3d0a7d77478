import { ConflictError, NotFoundError, ValidationError } from '@app/platform';

/** Missing, deleted or another organization's client: the same 404 (tenant isolation). */
export class OAuthClientNotFound extends NotFoundError {
  constructor(clientId: string) {
    super('client', clientId, "The client doesn't exist.");
  }
}

export class OAuthClientAlreadyExists extends ConflictError {
  constructor() {
    super('The client already exists.');
  }
}

export class InvalidOAuthClient extends ValidationError {
  constructor(invalidFields: Readonly<Record<string, string>>) {
    super(invalidFields, 'The client has invalid fields.');
  }
}
