import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import type { PlatformRuntime } from '../runtime/platform-runtime';
import { APP_CONFIG, PLATFORM_RUNTIME } from './tokens';

/** Starts the projection runners once the app is up and closes everything on shutdown. */
@Injectable()
export class PlatformLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PLATFORM_RUNTIME) private readonly runtime: PlatformRuntime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.runProjections) this.runtime.startProjections();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.close();
  }
}
