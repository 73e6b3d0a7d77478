import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { currentRequestContext, type RequestContext } from '../context/request-context';
import { comparePositions, formatPosition } from '../event-store/position';
import type { ProjectionProgress } from '../projections/projection-progress';
import type { CacheCoherence } from '../read-model-cache/cache-coherence';
import { APP_CONFIG, CACHE_COHERENCE, PROJECTION_PROGRESS } from './tokens';

/**
 * Read-your-writes for the current request: waits (bounded) until every read model includes
 * everything the request wrote, and every process has dropped cached rows that made stale (a
 * revoked token is then refused everywhere). Every reply waits through the HTTP app's onSend hook
 * (http/reply-after-own-writes); handlers that read after writing call `visible()` first.
 */
@Injectable()
export class OwnWrites {
  private readonly logger = new Logger('ReadYourWrites');

  constructor(
    @Inject(PROJECTION_PROGRESS) private readonly progress: ProjectionProgress,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CACHE_COHERENCE) private readonly cacheCoherence: CacheCoherence | null,
  ) {}

  async visible(): Promise<void> {
    const context = currentRequestContext();
    if (context) await this.visibleFor(context);
  }

  /** The same for a given request; a request whose writes were already shown does not wait again. */
  async visibleFor(context: RequestContext): Promise<void> {
    const position = context.writtenPosition;
    if (!position || this.config.readYourWritesTimeoutMs === 0) return;
    if (context.visiblePosition && comparePositions(context.visiblePosition, position) >= 0) return;
    if (!(await this.progress.waitFor(position, this.config.readYourWritesTimeoutMs))) {
      this.logger.warn(`read models did not reach ${formatPosition(position)} in time; replying anyway`);
    } else if (this.cacheCoherence && !(await this.cacheCoherence.awaitAcknowledged())) {
      this.logger.warn('a process did not acknowledge a read-model change in time; its cache lease has lapsed');
    }
    // Waited once (or gave up after the bound): the reply does not wait again for the same writes.
    context.visiblePosition = position;
  }
}
