import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { createHttpApp, createLogger, loadConfig, type AppConfig } from '@app/platform';
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
    forceExitAfter(config.shutdownTimeoutMs);
    await app.listen(config.port, config.host);
    logger.info({ port: config.port, database: config.databaseUrl ? 'postgres' : `embedded (${config.dataDir})`, eventStore: config.eventStore }, 'listening');
  } catch (error) {
    logger.fatal({ err: error }, 'the service could not start');
    process.exit(1);
  }
}

/** Graceful shutdown closes the server and the database; if that hangs, leave anyway. */
function forceExitAfter(timeoutMs: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), timeoutMs).unref());
  }
}

void bootstrap();
