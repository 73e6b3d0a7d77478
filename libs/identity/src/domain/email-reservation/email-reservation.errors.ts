import { ConflictError } from '@app/platform';

/**
 * The email belongs to another account. The holder's id is for the application, which decides the
 * answer with it (the spec's create is idempotent: 200 with the existing account when the holder is
 * in the caller's organization, 409 otherwise). It is kept out of the description, which clients see.
 */
export class EmailTaken extends ConflictError {
  constructor(readonly holderAccountId: string) {
    super('The email address is already used by another account.');
  }
}
