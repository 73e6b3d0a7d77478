import { BadRequestError, ConflictError, NotFoundError, ValidationError } from '@app/platform';

/**
 * Missing, deleted, or another organization's: all answer the same 404, so an id never reveals
 * that a role exists elsewhere (tenant isolation).
 */
export class CustomRoleNotFound extends NotFoundError {
  constructor(roleId: string) {
    super('role', roleId, "The role doesn't exist.");
  }
}

/** The id is taken (ids are fresh UUIDs, so this means a retried or duplicated create). */
export class CustomRoleAlreadyExists extends ConflictError {
  constructor() {
    super('The role already exists.');
  }
}

/** One 422 listing every field that is wrong, so a client can fix them all at once. */
export class InvalidCustomRole extends ValidationError {
  constructor(invalidFields: Readonly<Record<string, string>>) {
    super(invalidFields, 'The role has invalid fields.');
  }
}

/**
 * Predefined roles are shared by every organization and referred to by fixed ids, so no one may
 * delete them. 400 bad_request, because the request itself can never succeed whoever sends it:
 * - not 404: GET /roles/{id} shows the role, so "not found" would contradict it;
 * - not 403: that answer carries `insufficient_scope`, and no scope would help;
 * - not 409: nothing about the current state could change to make it succeed.
 */
export class PredefinedRoleNotDeletable extends BadRequestError {
  constructor() {
    super('Predefined roles cannot be deleted; only custom roles can.');
  }
}
