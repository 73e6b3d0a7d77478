import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { formatPosition, PLATFORM_RUNTIME, readCheckpoints, type PlatformRuntime } from '@app/platform';

@SubCommand({ name: 'list', description: 'List projections with their version, checkpoint and lag (events behind the log).' })
export class ProjectionsListCommand extends CommandRunner {
  constructor(@Inject(PLATFORM_RUNTIME) private readonly runtime: PlatformRuntime) {
    super();
  }

  async run(_params: string[], options: { json?: boolean } = {}): Promise<void> {
    const checkpoints = new Map((await readCheckpoints(this.runtime.database.dataSource.manager)).map((c) => [c.name, c]));
    const rows = [];
    for (const projection of this.runtime.projections) {
      const checkpoint = checkpoints.get(projection.name);
      rows.push({
        name: projection.name,
        version: projection.version,
        stored_version: checkpoint?.version ?? null,
        checkpoint: formatPosition(checkpoint?.position ?? null),
        lag: await this.runtime.store.countAfter(checkpoint?.position ?? null),
        updated_at: checkpoint?.updatedAt.toISOString() ?? null,
      });
    }
    if (options.json) {
      for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
      return;
    }
    const header = ['NAME', 'VERSION', 'CHECKPOINT', 'LAG', 'UPDATED'];
    const lines = rows.map((r) => [r.name, versionText(r.version, r.stored_version), r.checkpoint, String(r.lag), r.updated_at ?? '-']);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    for (const line of [header, ...lines]) process.stdout.write(`${line.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()}\n`);
  }

  @Option({ flags: '--json', description: 'print one JSON object per projection' })
  parseJson(): boolean {
    return true;
  }
}

function versionText(version: number, stored: number | null): string {
  return stored === null || stored === version ? String(version) : `${version} (stored ${stored}: rebuild pending)`;
}
