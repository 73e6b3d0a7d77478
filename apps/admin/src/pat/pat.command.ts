import { Command, CommandRunner } from 'nest-commander';
import { PatCreateCommand } from './pat-create.command';

@Command({ name: 'pat', description: 'Personal access tokens.', subCommands: [PatCreateCommand] })
export class PatCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}
