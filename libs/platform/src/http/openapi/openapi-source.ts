import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * What an HTTP app tells the platform to publish its OpenAPI document: the API contract it
 * implements, and where its access metadata lives. Provide it under OPENAPI_SOURCE in the root
 * module; createHttpApp then serves GET /v2/openapi.json and Swagger UI at /docs.
 */
export interface OpenApiSource {
  /** The contract: its operations are published exactly as written there. */
  readonly contract: OpenAPIObject;
  /** The prefix the contract's paths are served under (its server URL's path), e.g. `/v2`. */
  readonly contractPrefix: string;
  /** Route metadata key holding the scopes a route needs (any one of them). */
  readonly scopesMetadataKey: string;
  /** Route metadata key marking routes that work with or without a credential. */
  readonly optionalCredentialMetadataKey?: string;
  /** What the contract does not say about the other routes, by `Controller.method`. */
  readonly notes?: Readonly<Record<string, RouteNote>>;
}

/** A route outside the contract, in words: Nest's metadata knows its shape but not its meaning. */
export interface RouteNote {
  readonly summary: string;
  readonly description?: string;
  /** Its replies by status, replacing the one Nest guesses (e.g. a page that redirects with 303). */
  readonly responses?: Readonly<Record<string, string>>;
}

export const OPENAPI_SOURCE = Symbol('OpenApiSource');
