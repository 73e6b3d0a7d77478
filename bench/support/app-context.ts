import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { createHttpApp, createLogger, loadConfig, PLATFORM_RUNTIME, type PlatformRuntime } from '@app/platform';
import { AppModule } from '../../apps/api/src/app.module';

const CHECKPOINTS_BEHIND = `
  WITH head AS (SELECT transaction_id::text::bigint AS c, global_position AS p FROM es_events ORDER BY transaction_id DESC, global_position DESC LIMIT 1)
  SELECT count(*)::int AS behind FROM projection_checkpoints, head
  WHERE commit_position IS NULL OR (commit_position, prepare_position) < (head.c, head.p)`;

/**
 * The application's modules inside the benchmark process, not listening: seeding runs the app's
 * own commands through its CommandBus, with every rule and event of a real request, minus HTTP.
 * It runs no projections (RUN_PROJECTIONS=false): the server under test does, as it would in
 * production, and this process stays idle while the load runs.
 */
export class AppContext {
  private closed = false;

  private constructor(
    private app: NestFastifyApplication,
    private readonly databaseUrl: string,
  ) {}

  static async open(databaseUrl: string): Promise<AppContext> {
    return new AppContext(await AppContext.start(databaseUrl), databaseUrl);
  }

  private static async start(databaseUrl: string): Promise<NestFastifyApplication> {
    const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', RUN_PROJECTIONS: 'false' });
    const app = await createHttpApp(AppModule.forRoot(config), config, createLogger({ level: 'silent' }));
    await app.init();
    return app;
  }

  /**
   * Runs `work` (the measurements) with this context closed, and opens it again after. Open, it is
   * a process of the deployment like any other: it listens for the service's notifications and
   * holds caches the service's writes wait on, all on the machine's cores. The service is measured
   * alone, as the method says. If `work` fails the context stays closed (the run is ending).
   */
  async closedWhile<T>(work: () => Promise<T>): Promise<T> {
    await this.close();
    const result = await work();
    this.app = await AppContext.start(this.databaseUrl);
    this.closed = false;
    return result;
  }

  get commands(): CommandBus {
    return this.app.get(CommandBus);
  }

  get queries(): QueryBus {
    return this.app.get(QueryBus);
  }

  get runtime(): PlatformRuntime {
    return this.app.get(PLATFORM_RUNTIME);
  }

  eventCount(): Promise<number> {
    return this.runtime.store.countAfter(null);
  }

  /**
   * Waits until every projection checkpoint has passed the head of the log. Read from the
   * checkpoints table, so it is the server's projections (the ones it runs) that count.
   */
  async projectionsCaughtUp(timeoutMs = 30 * 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [{ behind }] = await this.runtime.database.sql.query<{ behind: number }>(CHECKPOINTS_BEHIND);
      if (behind === 0) return;
      if (Date.now() > deadline) throw new Error(`${behind} projections did not catch up in time`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Gives every table statistics of its seeded size, as autovacuum has on a database that has
   * served a while. Seeded seconds ago, a table has none, or ones taken while it held a few rows; a
   * statement prepared then keeps a plan that scans the table whole (PostgreSQL replans only on new
   * statistics), and under a write load the table grows: the cost of each request would grow with
   * it for as long as the load runs.
   */
  async analyze(): Promise<void> {
    await this.runtime.database.sql.query('ANALYZE');
  }

  /**
   * Statistics of the seeded size (analyze), then a checkpoint, so that a probe that follows a bulk
   * seeding does not run under the checkpoint the seeding's WAL set off (PostgreSQL spreads it over
   * minutes, and every page it has not yet written back costs the probe's writes a full page
   * image). Each store-size probe then starts from the same state: just after a checkpoint, as
   * a database that has served a while is at some moment of every checkpoint interval. Needs
   * the right to CHECKPOINT (a superuser, or pg_checkpoint); without it, says so and analyzes only.
   */
  async settle(log: (line: string) => void): Promise<boolean> {
    await this.analyze();
    try {
      await this.runtime.database.sql.query('CHECKPOINT');
      return true;
    } catch (error) {
      log(`  no checkpoint before the probe: ${(error as Error).message}`);
      return false;
    }
  }

  /** Closes the application; closing it again does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.app.close();
  }
}
