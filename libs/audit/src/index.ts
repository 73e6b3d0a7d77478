export { AuditModule, AUDIT_READ_MODEL } from './audit.module';
export { AuditTimeline } from './application/audit-timeline';
export { AuditTimeTravel } from './application/audit-time-travel';
export { formatEntry } from './application/format-entry';
export type { ShownEntry } from './application/open-entries';
export type { TimelineProgress } from './application/event-log-timeline';
export { parseAuditTime, type AuditFilter } from './domain';
