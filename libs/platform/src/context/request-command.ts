import { Command } from '@nestjs/cqrs';
import type { RequestContext } from './request-context';

/**
 * A command sent on behalf of a request: it carries the request's context to its handler, whose
 * events take their metadata from it and whose appends the reply waits for. Sent outside a request
 * (the admin CLI, boot) it carries none, and its events are the service's own.
 */
export abstract class RequestCommand<Result> extends Command<Result> {
  context?: RequestContext;

  /** This command, sent on behalf of the request `context` describes. */
  within(context: RequestContext | undefined): this {
    this.context = context;
    return this;
  }
}
