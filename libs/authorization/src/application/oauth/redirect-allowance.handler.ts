import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { REDIRECT_WINDOW_MS, tooManyRedirects } from '../../domain';
import { RedirectAllowedQuery } from '../../contracts/oauth.commands';
import { OAuthGrantsReadModel } from './oauth-grants.read-model';

/**
 * compat.md's limit of grant redirects per client per account. The history is the read models'
 * codes and implicit tokens, so every API process counts the same redirects.
 */
@QueryHandler(RedirectAllowedQuery)
export class RedirectAllowedHandler implements IQueryHandler<RedirectAllowedQuery> {
  constructor(private readonly grants: OAuthGrantsReadModel) {}

  async execute({ clientId, accountId }: RedirectAllowedQuery): Promise<boolean> {
    const now = Date.now();
    // A little more than the window: another process's clock may run ahead of ours.
    const times = await this.grants.authorizeGrantTimes(clientId, accountId, new Date(now - 2 * REDIRECT_WINDOW_MS));
    return !tooManyRedirects(times, now);
  }
}
