import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { PLATFORM_RUNTIME, type PlatformRuntime } from '@app/platform';

/**
 * The CLI opens the database like the service does, applying pending read-model migrations on
 * the way (under the schema lock): by the time this runs, the work is done and it reports it.
 * With RUN_MIGRATIONS=false on the API processes, this is the release step that migrates.
 */
@Command({
  name: 'migrate',
  description: 'Apply pending read-model migrations; prints each migration and whether this run applied it.',
})
export class MigrateCommand extends CommandRunner {
  constructor(@Inject(PLATFORM_RUNTIME) private readonly runtime: PlatformRuntime) {
    super();
  }

  async run(_params: string[], options: { json?: boolean } = {}): Promise<void> {
    const appliedNow = new Set(this.runtime.migrationsApplied);
    const rows = this.runtime.database.dataSource.migrations.map((migration) => {
      const name = migration.name ?? migration.constructor.name;
      return { migration: name, applied_now: appliedNow.has(name) };
    });
    if (options.json) {
      for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
      return;
    }
    for (const row of rows) process.stdout.write(`${row.applied_now ? 'applied   ' : 'in place  '}${row.migration}\n`);
    process.stdout.write(`${appliedNow.size} applied now, ${rows.length} in all: the read-model schema is up to date.\n`);
  }

  @Option({ flags: '--json', description: 'print one JSON object per migration: {migration, applied_now}' })
  parseJson(): boolean {
    return true;
  }
}
