import { PersonalDataVault, type Projection, type RecordedEvent, type ReplayOfBatches, type SealedItem, type SqlRunner } from '@app/platform';
import { SESSION_CATEGORY, type SessionEvent, type SessionStarted } from '../domain/session';

/**
 * Active sessions with their device data opened; a removed session's row is deleted. An account
 * whose key was destroyed opens to nulls, so after a rebuild its device data appears nowhere.
 */
export class SessionsProjection implements Projection {
  readonly name = 'sessions';
  readonly version = 1;
  readonly tables = ['sessions'];
  readonly categories = [SESSION_CATEGORY];

  async apply(events: readonly RecordedEvent[], tx: SqlRunner): Promise<void> {
    await (await this.prepare(events, tx))(tx);
  }

  /** Opening the batch's device data is its one read; the writes come after it, apart. */
  replay(): ReplayOfBatches {
    return { prepare: (events, read) => this.prepare(events, read) };
  }

  private async prepare(events: readonly RecordedEvent[], read: SqlRunner): Promise<(tx: SqlRunner) => Promise<void>> {
    const sessionEvents = events.filter((e) => e.streamId.startsWith(`${SESSION_CATEGORY}-`)) as unknown as SessionEvent[];
    const started = sessionEvents.filter((e): e is SessionStarted => e.type === 'SessionStarted');
    const opened = await openDeviceData(started, read);
    return (tx) => this.write(sessionEvents, opened, tx);
  }

  private async write(sessionEvents: readonly SessionEvent[], opened: ReadonlyMap<SessionStarted, { ip: string | null; userAgent: string | null }>, tx: SqlRunner): Promise<void> {
    for (const event of sessionEvents) {
      switch (event.type) {
        case 'SessionStarted': {
          const d = event.data;
          const device = opened.get(event)!;
          await tx.query(
            `INSERT INTO sessions (session_id, account_id, organization_id, identity_source, ip, user_agent, started_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (session_id) DO NOTHING`,
            [d.session_id, d.account_id, d.organization_id, d.identity_source, device.ip, device.userAgent, d.started_at],
          );
          break;
        }
        case 'SessionRemoved':
          await tx.query('DELETE FROM sessions WHERE session_id = $1', [event.data.session_id]);
          break;
      }
    }
  }
}

/** Opens the batch's sealed device data with one key lookup. */
async function openDeviceData(events: readonly SessionStarted[], tx: SqlRunner): Promise<Map<SessionStarted, { ip: string | null; userAgent: string | null }>> {
  const items: SealedItem[] = events.flatMap((e) => [
    { subjectId: e.data.account_id, value: e.data.ip },
    { subjectId: e.data.account_id, value: e.data.user_agent },
  ]);
  const opened = await PersonalDataVault.decryptManyWithin(tx, items);
  return new Map(events.map((e, i) => [e, { ip: opened[2 * i], userAgent: opened[2 * i + 1] }]));
}
