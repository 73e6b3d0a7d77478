import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import type { RequestContext } from '../context/request-context';
import { comparePositions, formatPosition } from '../event-store/position';
import { ServiceUnavailableError } from '../http/api-errors';
import type { ProjectionProgress } from '../projections/projection-progress';
import type { CacheCoherence } from '../read-model-cache/cache-coherence';
import { APP_CONFIG, CACHE_COHERENCE, PROJECTION_PROGRESS } from './tokens';

/** The reply to a write whose read models stayed behind past the bound (the write itself is kept). */
const NOT_VISIBLE_YET = 'The change was saved but is not visible yet; read it again shortly.';
const NOT_VISIBLE_RETRY_AFTER_SECONDS = 1;

/**
 * Read-your-writes for a request: waits (bounded) until every read model that writers
 * wait for (Projection.awaitedBy; the others' readers wait, ReadersWait) includes everything the
 * request wrote, and every process has dropped cached rows that made stale (a
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

  /**
   * For a handler about to read what its request wrote. Past the bound (projections stalled, say
   * while the database restarts) it refuses with a 503 rather than let the handler build its reply
   * from read models without the write: that would answer a 404 for an account just created, or a
   * 2xx showing the old state, and a GET right after a 2xx must see the write.
   */
  async visible(context: RequestContext | undefined): Promise<void> {
    if (context && !(await this.visibleFor(context))) throw new ServiceUnavailableError(NOT_VISIBLE_YET, NOT_VISIBLE_RETRY_AFTER_SECONDS);
  }

  /**
   * The same for a reply already made (the onSend hook): false when the read models did not reach
   * the request's writes in time, and the reply goes as it is. A request whose writes were already
   * shown does not wait again.
   */
  async visibleFor(context: RequestContext): Promise<boolean> {
    const position = context.writtenPosition;
    if (!position) return true;
    if (context.visiblePosition && comparePositions(context.visiblePosition, position) >= 0) return true;
    const reached = await this.progress.waitFor(position, this.config.readYourWritesTimeoutMs, this.progress.awaitedByWriters);
    if (!reached) {
      this.logger.warn(`read models did not reach ${formatPosition(position)} in time`);
    } else if (this.cacheCoherence && !(await this.cacheCoherence.awaitAcknowledged({ position, projections: this.progress.awaitedByWriters }))) {
      this.logger.warn('a process did not acknowledge a read-model change in time; its cache lease has lapsed');
    }
    // Waited once (or gave up after the bound): the reply does not wait again for the same writes.
    context.visiblePosition = position;
    return reached;
  }
}
