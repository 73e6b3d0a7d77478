import { once } from 'node:events';
import { Command, CommandRunner, Option } from 'nest-commander';
import { AuditTimeline, AuditTimeTravel, formatEntry } from '@app/audit';
import { asOfOf, auditFilterOf, AuditUsageError, type AuditOptions } from './audit-options';
import { timelineProgress } from './timeline-progress';

@Command({
  name: 'audit',
  description:
    'Replay the event log as an audit timeline (oldest first; filters combine), or with --as-of show an account or organization as it was then.',
})
export class AuditCommand extends CommandRunner {
  constructor(
    private readonly timeline: AuditTimeline,
    private readonly timeTravel: AuditTimeTravel,
  ) {
    super();
  }

  async run(_params: string[], options: AuditOptions = {}): Promise<void> {
    try {
      const at = asOfOf(options);
      if (at) return await this.asOf(options, at);
      const filter = auditFilterOf(options);
      for await (const entries of this.timeline.replay(filter, { onProgress: timelineProgress() })) {
        const text = entries.map((entry) => `${options.json ? JSON.stringify(entry) : formatEntry(entry)}\n`).join('');
        // Wait for a slow reader (a pager, a pipe) instead of buffering the log in memory.
        if (!process.stdout.write(text)) await once(process.stdout, 'drain');
      }
    } catch (error) {
      if (!(error instanceof AuditUsageError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
    }
  }

  /** Time travel: prints the aggregate in the API's shape as JSON, or exits 1 when it did not exist then. */
  private async asOf(options: AuditOptions, at: Date): Promise<void> {
    const state = options.account
      ? await this.timeTravel.account(options.account, at, options.organization)
      : await this.timeTravel.organization(options.organization!, at);
    if (!state) {
      process.stderr.write(`No such ${options.account ? 'account' : 'organization'} at ${at.toISOString()}.\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${JSON.stringify(state, null, options.json ? undefined : 2)}\n`);
  }

  @Option({ flags: '--account <id>', description: 'events about this account (with --as-of: the account then)' })
  parseAccount(value: string): string {
    return value.toLowerCase();
  }

  @Option({ flags: '--organization <id>', description: 'events of this organization (with --as-of: the organization then, or the roles shown with --account)' })
  parseOrganization(value: string): string {
    return value.toLowerCase();
  }

  @Option({ flags: '--session <id>', description: 'events about this sign-in session' })
  parseSession(value: string): string {
    return value.toLowerCase();
  }

  @Option({ flags: '--client <id>', description: 'events about or made through this OAuth client' })
  parseClient(value: string): string {
    return value;
  }

  @Option({ flags: '--type <types>', description: 'only these event types (comma-separated), e.g. AccountUpdated,SessionStarted' })
  parseType(value: string): string {
    return value;
  }

  @Option({ flags: '--actor <id>', description: 'events made by this account (or `system`)' })
  parseActor(value: string): string {
    return value.toLowerCase();
  }

  @Option({ flags: '--since <time>', description: 'events at or after this ISO 8601 time' })
  parseSince(value: string): string {
    return value;
  }

  @Option({ flags: '--until <time>', description: 'events at or before this ISO 8601 time' })
  parseUntil(value: string): string {
    return value;
  }

  @Option({ flags: '--correlation <id>', description: 'events of one request and everything it caused' })
  parseCorrelation(value: string): string {
    return value;
  }

  @Option({ flags: '--as-of <time>', description: 'show the --account or --organization as it was at this ISO 8601 time' })
  parseAsOf(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'one JSON object per line' })
  parseJson(): boolean {
    return true;
  }
}
