import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { AdminModule } from './admin.module';

/** The admin CLI: `admin projections list|rebuild ...`. Exit codes: 0 done, 1 failed, 2 wrong usage. */
async function main(): Promise<void> {
  await CommandFactory.run(AdminModule, {
    cliName: 'admin',
    logger: ['error', 'warn'],
    errorHandler: (error) => {
      // Commander's own exits (help, version, usage) carry their exit code.
      const code = (error as { exitCode?: number }).exitCode;
      if (code === 0) process.exit(0);
      process.stderr.write(`${error.message}\n`);
      process.exit(code ?? 2);
    },
    serviceErrorHandler: (error) => {
      process.stderr.write(`admin: ${error.message}\n`);
      process.exit(1);
    },
  });
}

void main();
