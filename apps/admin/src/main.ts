import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { CommandFactory } from 'nest-commander';
import { ConfigError, loadConfig } from '@app/platform';
import { EXIT } from './exit-codes';
import { helpOnlyModule } from './help-only.module';

/**
 * The admin CLI: `admin <command> [options]`; `admin --help` lists the commands, and every command
 * takes --help. Exit codes (./exit-codes.ts, README): 0 done, 1 failed (including a bad setting,
 * named in the message), 2 wrong usage.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const wantsHelp = args.length === 0 || args[0] === 'help' || args.some((arg) => arg === '-h' || arg === '--help');
  if (!wantsHelp) checkConfig();
  // Loaded only after the check above: importing it reads the settings (and would throw a stack
  // trace at an operator instead of naming the bad setting).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately late
  const { AdminModule } = require('./admin.module') as { AdminModule: Type<unknown> };
  // Commander names the program after the script (main.js); usage lines should say `admin`.
  process.argv[1] = 'admin';
  await CommandFactory.run(wantsHelp ? helpOnlyModule(AdminModule) : AdminModule, {
    cliName: 'admin',
    logger: ['error', 'warn'],
    errorHandler: (error) => {
      // Commander has already printed its own message (unknown command or option, missing argument).
      const { code, exitCode } = error as { code?: string; exitCode?: number };
      if (exitCode === 0 || code === 'commander.helpDisplayed' || code === 'commander.version') process.exit(EXIT.done);
      if (code?.startsWith('commander.')) process.exit(EXIT.usage);
      process.stderr.write(`admin: ${error.message}\n`);
      process.exit(EXIT.failed);
    },
    serviceErrorHandler: (error) => {
      process.stderr.write(`admin: ${error.message}\n`);
      process.exit(EXIT.failed);
    },
  });
}

function checkConfig(): void {
  try {
    loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`admin: ${error.message}\n`);
    process.exit(EXIT.failed);
  }
}

void main();
