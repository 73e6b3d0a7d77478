import { Module } from '@nestjs/common';
import type { ReadModelContribution } from '@app/platform';
import { DeleteAccountHandler, JoinOrganizationHandler, SetPasswordHandler, UpdateAccountHandler } from './application/account-lifecycle.handlers';
import { GetAccountAsOfHandler } from './application/account-as-of.handler';
import { FindAccountByEmailHandler } from './application/find-account-by-email.handler';
import { GetAccountsHandler } from './application/get-accounts.handler';
import { RegisterAccountHandler } from './application/register-account.handler';
import { VerifyPasswordHandler } from './application/verify-password.handler';
import { AccountsController } from './http/accounts.controller';
import { CreateIdentityReadModels1764400000200 } from './migrations/1764400000200-create-identity-read-models';
import { SignalAccountChanges1764500000500 } from './migrations/1764500000500-signal-account-changes';
import { AccountsProjection } from './projections/accounts.projection';

export const IDENTITY_READ_MODEL: ReadModelContribution = {
  entities: [],
  migrations: [CreateIdentityReadModels1764400000200, SignalAccountChanges1764500000500],
  projections: [new AccountsProjection()],
};

@Module({
  controllers: [AccountsController],
  providers: [RegisterAccountHandler, JoinOrganizationHandler, UpdateAccountHandler, SetPasswordHandler, DeleteAccountHandler, GetAccountsHandler, FindAccountByEmailHandler, VerifyPasswordHandler, GetAccountAsOfHandler],
})
export class IdentityModule {}
