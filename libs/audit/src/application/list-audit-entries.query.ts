import { Query } from '@nestjs/cqrs';
import type { AuditFilter, CursorPosition } from '../domain';
import type { ShownEntry } from './open-entries';

export interface AuditPage {
  readonly entries: ShownEntry[];
  /** Where the next (older) page starts; null on the last page. */
  readonly next_cursor: string | null;
}

/** One organization's timeline, newest first, from the audit read model. */
export class ListAuditEntriesQuery extends Query<AuditPage> {
  constructor(
    readonly organizationId: string,
    readonly filter: Omit<AuditFilter, 'organizationId'>,
    readonly limit: number,
    readonly before: CursorPosition | null,
  ) {
    super();
  }
}
