import { Module } from '@nestjs/common';
import { loadConfig, PlatformModule } from '@app/platform';
import { ProjectionsListCommand } from './projections/projections-list.command';
import { ProjectionsRebuildCommand } from './projections/projections-rebuild.command';
import { ProjectionsCommand } from './projections/projections.command';
import { READ_MODELS } from './read-models';

@Module({
  imports: [
    // The CLI never runs the live projections: the API processes do.
    PlatformModule.forRoot({ config: { ...loadConfig(), runProjections: false }, readModels: READ_MODELS, readYourWrites: false }),
  ],
  providers: [ProjectionsCommand, ProjectionsListCommand, ProjectionsRebuildCommand],
})
export class AdminModule {}
