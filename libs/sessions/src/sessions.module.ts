import { Module } from '@nestjs/common';
import type { ReadModelContribution } from '@app/platform';
import { RemoveAllSessionsHandler, RemoveSessionHandler } from './application/remove-session.handlers';
import { GetSessionHandler, ListSessionsHandler } from './application/session-queries.handlers';
import { ResolveSessionCookieHandler, SignInHandler } from './application/sign-in/sign-in.handlers';
import { StartSessionHandler } from './application/start-session.handler';
import { SessionsController } from './http/sessions.controller';
import { CreateSessionReadModels1764400000500 } from './migrations/1764400000500-create-session-read-models';
import { SessionsProjection } from './projections/sessions.projection';

export const SESSIONS_READ_MODEL: ReadModelContribution = {
  entities: [],
  migrations: [CreateSessionReadModels1764400000500],
  projections: [new SessionsProjection()],
};

@Module({
  controllers: [SessionsController],
  providers: [StartSessionHandler, RemoveSessionHandler, RemoveAllSessionsHandler, GetSessionHandler, ListSessionsHandler, SignInHandler, ResolveSessionCookieHandler],
})
export class SessionsModule {}
