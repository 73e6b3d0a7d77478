import { CommandBus } from '@nestjs/cqrs';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { parseScopeList, RegisterOAuthClientCommand } from '@app/authorization';

interface ClientsCreateOptions {
  organization?: string;
  name?: string;
  type?: string;
  redirectUri?: string;
  scopes?: string;
}

@SubCommand({
  name: 'create',
  description: 'Register an OAuth client; prints {client_id, client_secret (confidential only, shown once), name, type, redirect_uri, scopes}.',
})
export class ClientsCreateCommand extends CommandRunner {
  constructor(private readonly commands: CommandBus) {
    super();
  }

  async run(_params: string[], options: ClientsCreateOptions = {}): Promise<void> {
    const missing = (['organization', 'name', 'type', 'redirectUri'] as const).filter((key) => !options[key]);
    if (missing.length) {
      process.stderr.write(`Missing: ${missing.map((key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}\n`);
      process.exitCode = 2;
      return;
    }
    const created = await this.commands.execute(
      new RegisterOAuthClientCommand(
        options.organization!,
        options.name!,
        options.type!,
        'private',
        options.redirectUri!.split(',').map((uri) => uri.trim()).filter(Boolean),
        parseScopeList(options.scopes),
      ),
    );
    process.stdout.write(`${JSON.stringify(created)}\n`);
  }

  @Option({ flags: '--organization <id>', description: 'the owning organization (required)' })
  parseOrganization(value: string): string {
    return value.toLowerCase();
  }

  @Option({ flags: '--name <name>', description: 'the client name (required)' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--type <type>', description: 'server_side_app|confidential or javascript_app|native_app|public (required)' })
  parseType(value: string): string {
    return value;
  }

  @Option({ flags: '--redirect-uri <uris>', description: 'comma-joined allowed redirect URIs (required)' })
  parseRedirectUri(value: string): string {
    return value;
  }

  @Option({ flags: '--scopes <list>', description: 'comma-separated scopes the client may ask for' })
  parseScopes(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'the output is always one JSON object; accepted so scripts can pass it to every data command' })
  parseJson(): boolean {
    return true;
  }
}
