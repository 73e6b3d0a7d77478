/** What every stored event says about how it came to be. */
export interface EventMetadata {
  /** Version of the event's data shape; upcasters lift older ones on read. */
  schemaVersion: number;
  /** Shared by every event caused, directly or not, by one outside request. */
  correlationId: string;
  /** The id of the request or event that directly caused this one. */
  causationId: string;
  /** The account that acted, or `system` for the service itself. */
  actorId: string;
  requestId: string;
  /** ISO 8601 time of the decision. */
  occurredAt: string;
  /** Set when the actor used an OAuth client or a personal access token. */
  clientId?: string;
  patId?: string;
}

export const SYSTEM_ACTOR = 'system';
