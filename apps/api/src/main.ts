import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { createHttpApp, createLogger, loadConfig, type AppConfig, type Logger } from '@app/platform';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel, base: { service: 'api', region: config.region } });
  try {
    if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
    const app = await createHttpApp(AppModule.forRoot(config), config, logger);
    exitGracefullyOnSignals(app, config.shutdownTimeoutMs, logger);
    await app.listen(config.port, config.host);
    logger.info({ port: config.port, database: config.databaseUrl ? 'postgres' : `embedded (${config.dataDir})`, eventStore: config.eventStore }, 'listening');
  } catch (error) {
    logger.fatal({ err: error }, 'the service could not start');
    process.exit(1);
  }
}

/**
 * On SIGTERM or SIGINT: stop taking requests, let the ones in flight finish, stop the projections,
 * close the database, and exit 0. If that takes longer than the timeout, exit 1 anyway.
 */
function exitGracefullyOnSignals(app: INestApplication, timeoutMs: number, logger: Logger): void {
  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, timeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

void bootstrap();
