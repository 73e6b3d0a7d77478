import { Inject, Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, mergeMap, type Observable } from 'rxjs';
import type { AppConfig } from '../config/app-config';
import { currentRequestContext } from '../context/request-context';
import { formatPosition } from '../event-store/position';
import type { ProjectionProgress } from '../projections/projection-progress';
import { APP_CONFIG, PROJECTION_PROGRESS } from './tokens';

/**
 * Holds a reply to a write until every read model has passed the write's position, so the
 * client's next GET sees it on any process. Bounded: after the timeout the reply goes anyway.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  private readonly logger = new Logger('ReadYourWrites');

  constructor(
    @Inject(PROJECTION_PROGRESS) private readonly progress: ProjectionProgress,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(mergeMap((body) => from(this.afterReadModels(body))));
  }

  private async afterReadModels(body: unknown): Promise<unknown> {
    const position = currentRequestContext()?.writtenPosition;
    if (position && this.config.readYourWritesTimeoutMs > 0) {
      const caughtUp = await this.progress.waitFor(position, this.config.readYourWritesTimeoutMs);
      if (!caughtUp) this.logger.warn(`read models did not reach ${formatPosition(position)} in time; replying anyway`);
    }
    return body;
  }
}
