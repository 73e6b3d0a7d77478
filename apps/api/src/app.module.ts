import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '@app/audit';
import { AuthorizationModule } from '@app/authorization';
import { IdentityModule } from '@app/identity';
import { OrganizationsModule } from '@app/organizations';
import { HealthModule, MetricsModule, PlatformModule, PlatformReadinessModule, type AppConfig } from '@app/platform';
import { SessionsModule } from '@app/sessions';
import { ApiDocsModule } from './openapi/api-docs.module';
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
        MetricsModule,
        ApiDocsModule,
        PlatformReadinessModule,
        AuthorizationModule,
        IdentityModule,
        OrganizationsModule,
        SessionsModule,
        AuditModule,
      ],
    };
  }
}
