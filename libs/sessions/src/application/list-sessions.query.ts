import { Query } from '@nestjs/cqrs';
import type { SessionView } from '../contracts/session.commands';

/** The active sessions of an account, oldest first. */
export class ListSessionsQuery extends Query<SessionView[]> {
  constructor(readonly accountId: string) {
    super();
  }
}
