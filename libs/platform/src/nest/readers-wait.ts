import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { formatPosition } from '../event-store/position';
import { ServiceUnavailableError } from '../http/api-errors';
import type { ProjectionProgress } from '../projections/projection-progress';
import { APP_CONFIG, PROJECTION_PROGRESS } from './tokens';

const NOT_CAUGHT_UP = 'Recent changes are not readable here yet; read again shortly.';
const NOT_CAUGHT_UP_RETRY_AFTER_SECONDS = 1;

/**
 * Read-your-writes for the read models that writes' replies do not wait for (Projection.awaitedBy
 * `readers`): before a query reads one, waits (bounded, as OwnWrites) until it has passed the
 * last event in the log. Every write answered before the query began is at or before that event,
 * whichever process answered it, so a read after a 2xx write still sees the write. The wait falls
 * on the few requests that read such a model instead of on every write that feeds it.
 */
@Injectable()
export class ReadersWait {
  private readonly logger = new Logger('ReadYourWrites');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_PROGRESS) private readonly progress: ProjectionProgress,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Past the bound it refuses with a 503, as OwnWrites.visible does, rather than answer without recent writes. */
  async untilCaughtUp(projection: string): Promise<void> {
    const last = await this.store.lastPosition();
    if (!last || (await this.progress.waitFor(last, this.config.readYourWritesTimeoutMs, [projection]))) return;
    this.logger.warn(`${projection} did not reach ${formatPosition(last)} in time`);
    throw new ServiceUnavailableError(NOT_CAUGHT_UP, NOT_CAUGHT_UP_RETRY_AFTER_SECONDS);
  }
}
