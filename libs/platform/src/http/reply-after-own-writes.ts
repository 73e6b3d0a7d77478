import type { FastifyInstance } from 'fastify';
import type { RequestContext } from '../context/request-context';
import { requestContextOf } from './request-context.hooks';

/** What a reply to a request that wrote waits for before it goes (read-your-writes). */
export interface OwnWritesWait {
  /** False when the bound passed first: the reply then goes as it is. */
  visibleFor(context: RequestContext): Promise<boolean>;
}

/** Provided by the platform module (OwnWrites) when replies are to wait for their writes. */
export const OWN_WRITES_WAIT = Symbol('OWN_WRITES_WAIT');

/**
 * Holds every reply of a request that appended events until its writes are visible everywhere
 * (OwnWrites). A Fastify onSend hook rather than a Nest interceptor: a request that wrote nothing
 * (most of them) pays one map lookup, where a global interceptor would wrap every handler call in
 * observables and async-resource bindings. Error replies wait too: whatever a failed request did
 * write is visible when the client hears of the failure. The wait is bound after Nest has built
 * the providers, hence `use`.
 */
export class ReplyAfterOwnWrites {
  private wait: OwnWritesWait | undefined;

  install(fastify: FastifyInstance): void {
    fastify.addHook('onSend', async (request, _reply, payload) => {
      const context = requestContextOf(request);
      if (!this.wait || !context?.writtenPosition) return payload;
      try {
        await this.wait.visibleFor(context);
      } catch (error) {
        // The reply is already made (a success, or an error in the envelope): it goes as it is, as
        // after the wait's timeout. Throwing here would replace it with Fastify's own error shape.
        request.log.warn({ err: error }, 'could not confirm that the writes are visible; replying anyway');
      }
      return payload;
    });
  }

  use(wait: OwnWritesWait | undefined): void {
    this.wait = wait;
  }
}
