import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { formatPosition, PLATFORM_RUNTIME, type PlatformRuntime } from '@app/platform';
import { progressReporter } from './progress-bar';

@SubCommand({
  name: 'rebuild',
  arguments: '[name]',
  description: 'Rebuild a projection (or --all) from the whole log into fresh tables, then swap them in; the API keeps serving.',
})
export class ProjectionsRebuildCommand extends CommandRunner {
  constructor(@Inject(PLATFORM_RUNTIME) private readonly runtime: PlatformRuntime) {
    super();
  }

  async run([name]: string[], options: { all?: boolean; json?: boolean } = {}): Promise<void> {
    if (!name === !options.all) {
      process.stderr.write('Name one projection or pass --all (not both).\n');
      process.exitCode = 2;
      return;
    }
    const projections = options.all ? this.runtime.projections : [this.runtime.projection(name)];
    for (const projection of projections) {
      const result = await this.runtime.rebuilder.rebuild(projection, progressReporter());
      if (process.stderr.isTTY) process.stderr.write('\n');
      const summary = { ...result, position: formatPosition(result.position) };
      process.stdout.write(
        options.json
          ? `${JSON.stringify(summary)}\n`
          : `rebuilt ${summary.projection}: ${summary.events} events in ${summary.seconds.toFixed(1)} s (${summary.eventsPerSecond} events/s), checkpoint ${summary.position}\n`,
      );
    }
  }

  @Option({ flags: '--all', description: 'rebuild every projection' })
  parseAll(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'print one JSON summary per projection' })
  parseJson(): boolean {
    return true;
  }
}
