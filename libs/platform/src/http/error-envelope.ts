/**
 * The error codes of the Global Accounts API: the spec's `error` enum, plus `unauthorized`, which
 * the spec shows as the 401 example.
 */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_request'
  | 'unauthorized'
  | 'unauthorized_client'
  | 'access_denied'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'server_error'
  | 'temporarily_unavailable'
  | 'unsupported_grant_type'
  | 'invalid_grant'
  | 'invalid_client'
  | 'forbidden'
  | 'conflict'
  | 'resource_not_found';

/** The body of every error reply (spec: "Default error object" and its per-status extensions). */
export interface ErrorEnvelope {
  readonly error: ErrorCode;
  readonly error_description: string;
  readonly request_id: string;
  /** 422: field path (nested with dots) to what is wrong with it. */
  readonly invalid_fields?: Readonly<Record<string, string>>;
  /** 403: why access was denied, e.g. insufficient_scope. */
  readonly sub_error?: string;
  /** 404: which kind of resource was not found, and its id. */
  readonly resource_name?: string;
  readonly resource_id?: string;
}

/** The envelope fields an error brings besides its code and description. */
export type ErrorEnvelopeExtras = Pick<ErrorEnvelope, 'invalid_fields' | 'sub_error' | 'resource_name' | 'resource_id'>;
