import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { currentRequestContext } from '../context/request-context';
import { formatPosition } from '../event-store/position';
import type { ProjectionProgress } from '../projections/projection-progress';
import type { CacheCoherence } from '../read-model-cache/cache-coherence';
import { APP_CONFIG, CACHE_COHERENCE, PROJECTION_PROGRESS } from './tokens';

/**
 * Read-your-writes for the current request: waits (bounded) until every read model includes
 * everything the request wrote, and every process has dropped cached rows that made stale (a
 * revoked token is then refused everywhere). Replies to writes wait through the interceptor;
 * handlers that answer themselves (HTML pages, redirects) call `visible()` before answering.
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
    const position = currentRequestContext()?.writtenPosition;
    if (!position || this.config.readYourWritesTimeoutMs === 0) return;
    if (!(await this.progress.waitFor(position, this.config.readYourWritesTimeoutMs))) {
      this.logger.warn(`read models did not reach ${formatPosition(position)} in time; replying anyway`);
    } else if (this.cacheCoherence && !(await this.cacheCoherence.awaitAcknowledged())) {
      this.logger.warn('a process did not acknowledge a read-model change in time; its cache lease has lapsed');
    }
  }
}
