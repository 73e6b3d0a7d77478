import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, mergeMap, type Observable } from 'rxjs';
import { OwnWrites } from './own-writes';

/**
 * Holds a reply to a write until the write is visible on every process (OwnWrites): the
 * client's next request, wherever it lands, sees it. Bounded: after the timeout the reply goes.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly ownWrites: OwnWrites) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(mergeMap((body) => from(this.ownWrites.visible().then(() => body))));
  }
}
