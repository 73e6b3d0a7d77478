import { Command, CommandRunner } from 'nest-commander';
import { ClientsCreateCommand } from './clients-create.command';

@Command({ name: 'clients', description: 'OAuth clients.', subCommands: [ClientsCreateCommand] })
export class ClientsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}
