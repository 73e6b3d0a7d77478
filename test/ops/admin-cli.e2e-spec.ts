import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { createEmptyDatabase, dropDatabase, testServerUrl } from '@app/platform/testing';
import { AdminModule } from '../../apps/admin/src/admin.module';
import { helpOnlyModule } from '../../apps/admin/src/help-only.module';
import { runAdmin } from '../support/run-admin';

/** Every command and subcommand of the CLI, as `projections list`. */
function commandsOf(program: Command, prefix = ''): { name: string; command: Command }[] {
  return program.commands
    .filter((command) => command.name() !== 'help')
    .flatMap((command) => {
      const name = `${prefix}${command.name()}`;
      return [{ name, command }, ...commandsOf(command, `${name} `)];
    });
}

describe('admin CLI conventions', () => {
  let program: Command;

  beforeAll(async () => {
    const app = await CommandFactory.createWithoutRunning(helpOnlyModule(AdminModule), { logger: false });
    // The program nest-commander built from the decorators, before it parses any arguments.
    program = (app.get(CommandRunnerService) as unknown as { commander: Command }).commander;
    await app.close();
  });

  it('given every command, when asked for help, then it has a description, its options and --help', () => {
    const commands = commandsOf(program);
    expect(commands.map((c) => c.name)).toEqual(
      expect.arrayContaining(['migrate', 'projections', 'projections list', 'projections rebuild', 'pat', 'pat create', 'clients', 'clients create']),
    );
    for (const { name, command } of commands) {
      expect({ name, described: command.description().length > 10 }).toEqual({ name, described: true });
      expect(command.helpInformation()).toContain('-h, --help');
    }
  });

  it('given the commands whose output is data, when their options are listed, then each takes --json', () => {
    for (const { name, command } of commandsOf(program).filter((c) => ['migrate', 'projections list', 'projections rebuild', 'pat create', 'clients create'].includes(c.name))) {
      expect({ name, json: command.options.some((option) => option.long === '--json') }).toEqual({ name, json: true });
    }
  });

  it('given --help, an unknown command and a bad setting, when run, then the exit codes are 0, 2 and 1', async () => {
    const help = await runAdmin(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: admin /);
    expect(help.stdout).toContain('migrate');

    const unknown = await runAdmin(['no-such-command'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'no-such-command'");

    const badSetting = await runAdmin(['migrate'], { PORT: 'abc' });
    expect(badSetting.code).toBe(1);
    expect(badSetting.stderr).toContain("admin: Invalid configuration: PORT must be an integer between 1 and 65535 (got 'abc')");
  }, 180_000);

  it('given a new database, when admin migrate runs twice, then the first applies every migration and the second none', async () => {
    const server = testServerUrl();
    const databaseUrl = server ? await createEmptyDatabase(server) : undefined;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'admin-migrate-'));
    const env = databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: undefined, TEST_DATABASE_URL: undefined, DATA_DIR: dataDir };
    try {
      const first = await runAdmin(['migrate', '--json'], env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      const applied = first.stdout.trim().split('\n').map((line) => JSON.parse(line) as { migration: string; applied_now: boolean });
      expect(applied.length).toBeGreaterThan(3);
      expect(applied.every((row) => row.applied_now)).toBe(true);

      const second = await runAdmin(['migrate'], env);
      expect(second.code).toBe(0);
      expect(second.stdout).toContain(`0 applied now, ${applied.length} in all`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      if (databaseUrl) await dropDatabase(server!, databaseUrl);
    }
  }, 180_000);
});
