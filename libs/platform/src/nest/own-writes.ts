import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { currentRequestContext } from '../context/request-context';
import { formatPosition } from '../event-store/position';
import type { ProjectionProgress } from '../projections/projection-progress';
import { APP_CONFIG, PROJECTION_PROGRESS } from './tokens';

/**
 * For a handler that writes and then answers from the read models: waits (bounded) until they
 * include everything this request wrote. (Replies wait anyway; this is for reads inside the handler.)
 */
@Injectable()
export class OwnWrites {
  private readonly logger = new Logger('ReadYourWrites');

  constructor(
    @Inject(PROJECTION_PROGRESS) private readonly progress: ProjectionProgress,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async visible(): Promise<void> {
    const position = currentRequestContext()?.writtenPosition;
    if (!position || this.config.readYourWritesTimeoutMs === 0) return;
    if (!(await this.progress.waitFor(position, this.config.readYourWritesTimeoutMs))) {
      this.logger.warn(`read models did not reach ${formatPosition(position)} in time`);
    }
  }
}
