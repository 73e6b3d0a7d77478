import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '@app/audit';
import { AuthorizationModule } from '@app/authorization';
import { IdentityModule } from '@app/identity';
import { OrganizationsModule } from '@app/organizations';
import { loadConfig, PlatformModule } from '@app/platform';
import { SessionsModule } from '@app/sessions';
import { ProjectionsListCommand } from './projections/projections-list.command';
import { ProjectionsRebuildCommand } from './projections/projections-rebuild.command';
import { AuditCommand } from './audit/audit.command';
import { ClientsCreateCommand } from './clients/clients-create.command';
import { MigrateCommand } from './migrate/migrate.command';
import { ClientsCommand } from './clients/clients.command';
import { PatCreateCommand } from './pat/pat-create.command';
import { PatCommand } from './pat/pat.command';
import { ProjectionsCommand } from './projections/projections.command';
import { READ_MODELS } from './read-models';

@Module({
  imports: [
    // The CLI never runs the live projections (the API processes do), and always migrates the
    // read-model schema when it opens the database: `admin migrate` relies on that.
    PlatformModule.forRoot({ config: { ...loadConfig(), runProjections: false, runMigrations: true }, readModels: READ_MODELS, readYourWrites: false }),
    CqrsModule.forRoot(),
    AuthorizationModule,
    IdentityModule,
    OrganizationsModule,
    SessionsModule,
    AuditModule,
  ],
  providers: [AuditCommand, MigrateCommand, ProjectionsCommand, ProjectionsListCommand, ProjectionsRebuildCommand, PatCommand, PatCreateCommand, ClientsCommand, ClientsCreateCommand],
})
export class AdminModule {}
