import { Global, Logger, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { loadConfig } from '../config/load-config';
import { EVENT_STORE } from '../event-store/event-store.port';
import type { UpcasterRegistry } from '../events/upcaster-registry';
import type { ReadModelContribution } from '../projections/read-model-contribution';
import { PlatformRuntime } from '../runtime/platform-runtime';
import { EventSourcedCommands } from './event-sourced-commands';
import { CookieSigner } from '../http/cookie-signer';
import { OWN_WRITES_WAIT } from '../http/reply-after-own-writes';
import { OwnWrites } from './own-writes';
import { PlatformLifecycle } from './platform-lifecycle';
import { ReadersWait } from './readers-wait';
import { APP_CONFIG, CACHE_COHERENCE, DATA_SOURCE, PERSONAL_DATA_VAULT, PLATFORM_RUNTIME, PROJECTION_PROGRESS } from './tokens';

export interface PlatformModuleOptions {
  /** Settings; read from the environment when absent. */
  config?: AppConfig;
  readModels?: readonly ReadModelContribution[];
  upcasters?: UpcasterRegistry;
  /** Make HTTP replies wait for their writes to be visible (read-your-writes); the admin CLI does without. */
  readYourWrites?: boolean;
}

/** The event store, database and projections, provided once to every module of an app. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions = {}): DynamicModule {
    const logger = new Logger('Platform');
    return {
      module: PlatformModule,
      providers: [
        { provide: APP_CONFIG, useFactory: () => options.config ?? loadConfig() },
        {
          provide: PLATFORM_RUNTIME,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) =>
            PlatformRuntime.open({
              databaseUrl: config.databaseUrl,
              dataDir: config.databaseUrl ? undefined : config.dataDir,
              eventStore: config.eventStore,
              eventStoreConnectionString: config.eventStoreConnectionString,
              migrate: config.runMigrations,
              streamCatalogue: config.streamCatalogue,
              readModels: options.readModels,
              upcasters: options.upcasters,
              log: {
                info: (message, fields) => logger.log({ message, ...fields }),
                error: (message, fields) => logger.error({ message, ...fields }),
              },
            }),
        },
        { provide: EVENT_STORE, inject: [PLATFORM_RUNTIME], useFactory: (runtime: PlatformRuntime) => runtime.store },
        { provide: DATA_SOURCE, inject: [PLATFORM_RUNTIME], useFactory: (runtime: PlatformRuntime) => runtime.database.dataSource },
        { provide: PROJECTION_PROGRESS, inject: [PLATFORM_RUNTIME], useFactory: (runtime: PlatformRuntime) => runtime.progress },
        { provide: PERSONAL_DATA_VAULT, inject: [PLATFORM_RUNTIME], useFactory: (runtime: PlatformRuntime) => runtime.vault },
        // Nest treats an undefined factory result as missing: the embedded database provides null.
        { provide: CACHE_COHERENCE, inject: [PLATFORM_RUNTIME], useFactory: (runtime: PlatformRuntime) => runtime.cacheCoherence ?? null },
        PlatformLifecycle,
        EventSourcedCommands,
        OwnWrites,
        ReadersWait,
        CookieSigner,
        ...(options.readYourWrites === false ? [] : [{ provide: OWN_WRITES_WAIT, useExisting: OwnWrites }]),
      ],
      exports: [APP_CONFIG, PLATFORM_RUNTIME, EVENT_STORE, DATA_SOURCE, PROJECTION_PROGRESS, PERSONAL_DATA_VAULT, CACHE_COHERENCE, EventSourcedCommands, OwnWrites, ReadersWait, CookieSigner],
    };
  }
}
