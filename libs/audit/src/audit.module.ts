import { Module } from '@nestjs/common';
import type { ReadModelContribution } from '@app/platform';
import { AuditTimeTravel } from './application/audit-time-travel';
import { AuditTimeline } from './application/audit-timeline';
import { ListAuditEntriesHandler } from './application/list-audit-entries.handler';
import { AuditController } from './http/audit.controller';
import { CreateAuditReadModels1764400000600 } from './migrations/1764400000600-create-audit-read-models';
import { NoStatisticsOfAuditDocuments1764600000600 } from './migrations/1764600000600-no-statistics-of-audit-documents';
import { AuditMemberFields1764700000600 } from './migrations/1764700000600-audit-member-fields';
import { AuditDocumentsAsJson1764800000600 } from './migrations/1764800000600-audit-documents-as-json';
import { AuditProjection } from './projections/audit.projection';

export const AUDIT_READ_MODEL: ReadModelContribution = {
  entities: [],
  migrations: [CreateAuditReadModels1764400000600, NoStatisticsOfAuditDocuments1764600000600, AuditMemberFields1764700000600, AuditDocumentsAsJson1764800000600],
  projections: [new AuditProjection()],
};

@Module({
  controllers: [AuditController],
  providers: [ListAuditEntriesHandler, AuditTimeline, AuditTimeTravel],
  exports: [AuditTimeline, AuditTimeTravel],
})
export class AuditModule {}
