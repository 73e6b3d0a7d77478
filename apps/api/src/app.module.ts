import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthorizationModule } from '@app/authorization';
import { IdentityModule } from '@app/identity';
import { OrganizationsModule } from '@app/organizations';
import { HealthModule, PlatformModule, PlatformReadinessModule, type AppConfig } from '@app/platform';
import { SessionsModule } from '@app/sessions';
import { READ_MODELS } from './read-models';

/** The HTTP service: wiring only. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        PlatformModule.forRoot({ config, readModels: READ_MODELS }),
        HealthModule,
        PlatformReadinessModule,
        AuthorizationModule,
        IdentityModule,
        OrganizationsModule,
        SessionsModule,
      ],
    };
  }
}
