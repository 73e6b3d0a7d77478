import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, PERSONAL_DATA_VAULT, type EventStore, type PersonalDataVault } from '@app/platform';
import type { AuditFilter } from '../domain';
import { eventLogTimeline, type TimelineOptions } from './event-log-timeline';
import type { ShownEntry } from './open-entries';

/** The whole event log as an audit timeline, for the admin CLI (the API pages the read model instead). */
@Injectable()
export class AuditTimeline {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  replay(filter: AuditFilter, options: TimelineOptions = {}): AsyncGenerator<ShownEntry[]> {
    return eventLogTimeline(this.store, this.vault, filter, options);
  }
}
