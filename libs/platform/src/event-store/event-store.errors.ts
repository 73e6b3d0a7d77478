import type { ExpectedRevision } from './event-store.port';

/** The stream was not at the revision the writer expected: someone else wrote first. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`Stream ${streamId} was expected at ${String(expected)} but is at ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class StreamNotFoundError extends Error {
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} does not exist`);
    this.name = 'StreamNotFoundError';
  }
}

/** The store could not be reached or failed; the request may be retried. */
export class EventStoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The event store is unavailable: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'EventStoreUnavailableError';
    this.cause = cause;
  }
}
