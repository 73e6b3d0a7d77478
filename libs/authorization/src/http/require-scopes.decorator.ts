import { SetMetadata } from '@nestjs/common';

export const REQUIRED_SCOPES = 'authorization:required-scopes';

/**
 * The route needs a credential granting at least one of these scopes (with the scope algebra:
 * `rw` grants `ro`, `all` grants `my`, `rc` grants read and create). Without it: 403.
 */
export const RequireScopes = (...anyOf: string[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPES, anyOf);

export const OPTIONAL_CREDENTIAL = 'authorization:optional-credential';

/** The route serves callers with or without credentials; credentials that are sent must be valid. */
export const OptionalCredential = (): MethodDecorator & ClassDecorator => SetMetadata(OPTIONAL_CREDENTIAL, true);
