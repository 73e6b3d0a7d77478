import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { CreatePersonalAccessTokenForAccountCommand, parseScopeList } from '@app/authorization';
import { FindAccountByEmailQuery } from '@app/identity';
import { GetMembershipQuery, ListOrganizationsOfAccountQuery } from '@app/organizations';

interface PatCreateOptions {
  email?: string;
  organization?: string;
  scopes?: string;
  name?: string;
}

@SubCommand({
  name: 'create',
  description: "Create a personal access token for an account; prints {pat_id, name, token, scope, created_at} (the token is shown once).",
})
export class PatCreateCommand extends CommandRunner {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  async run(_params: string[], options: PatCreateOptions = {}): Promise<void> {
    if (!options.email) return usage('--email is required');
    const accountId = await this.queries.execute(new FindAccountByEmailQuery(options.email));
    if (!accountId) return failure('No account has that email.');
    const organizationId = options.organization ?? (await this.queries.execute(new ListOrganizationsOfAccountQuery(accountId)))[0]?.organization_id;
    const membership = organizationId ? await this.queries.execute(new GetMembershipQuery(organizationId, accountId)) : null;
    if (!organizationId || !membership) return failure('The account does not belong to that organization.');
    const created = await this.commands.execute(
      new CreatePersonalAccessTokenForAccountCommand(
        accountId,
        organizationId,
        membership.roles.map((role) => role.role_id),
        options.name ?? 'admin',
        options.scopes === undefined ? undefined : parseScopeList(options.scopes),
      ),
    );
    process.stdout.write(`${JSON.stringify(created)}\n`);
  }

  @Option({ flags: '--email <email>', description: 'the account (required)' })
  parseEmail(value: string): string {
    return value;
  }

  @Option({ flags: '--organization <id>', description: "organization id (default: the account's default organization)" })
  parseOrganization(value: string): string {
    return value.toLowerCase();
  }

  @Option({ flags: '--scopes <list>', description: "comma-separated scopes (default: all the account's role scopes there)" })
  parseScopes(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: 'a name for the token (default: admin)' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'the output is always one JSON object; accepted so scripts can pass it to every data command' })
  parseJson(): boolean {
    return true;
  }
}

function usage(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = 2;
}

function failure(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
}
