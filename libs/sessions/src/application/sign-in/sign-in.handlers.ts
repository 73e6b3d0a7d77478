import { CommandBus, CommandHandler, QueryBus, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { VerifyPasswordQuery } from '@app/identity/contracts';
import { ListOrganizationsOfAccountQuery } from '@app/organizations/contracts';
import { GetSessionQuery, StartSessionCommand, type SessionView } from '../../contracts/session.commands';
import { ResolveSessionCookieQuery, SignInCommand } from '../../contracts/sign-in.commands';
import { CookieSigner, recordSignIn } from '@app/platform';

@CommandHandler(SignInCommand)
export class SignInHandler implements ICommandHandler<SignInCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly signer: CookieSigner,
  ) {}

  async execute({ email, password, ip, userAgent, context }: SignInCommand): Promise<{ sessionId: string; accountId: string; cookie: string } | null> {
    const accountId = await this.queries.execute(new VerifyPasswordQuery(email, password));
    if (!accountId) {
      recordSignIn('rejected');
      return null;
    }
    // A session belongs to the account's default organization (the first it joined).
    const [organization] = await this.queries.execute(new ListOrganizationsOfAccountQuery(accountId));
    if (!organization) {
      recordSignIn('no_organization');
      return null;
    }
    const { sessionId } = await this.commands.execute(new StartSessionCommand(accountId, organization.organization_id, 'credentials', ip, userAgent).within(context));
    recordSignIn('succeeded');
    return { sessionId, accountId, cookie: this.signer.sign(sessionId) };
  }
}

@QueryHandler(ResolveSessionCookieQuery)
export class ResolveSessionCookieHandler implements IQueryHandler<ResolveSessionCookieQuery> {
  constructor(
    private readonly queries: QueryBus,
    private readonly signer: CookieSigner,
  ) {}

  async execute({ cookie }: ResolveSessionCookieQuery): Promise<SessionView | null> {
    const sessionId = this.signer.verify(cookie);
    return sessionId ? this.queries.execute(new GetSessionQuery(sessionId)) : null;
  }
}
