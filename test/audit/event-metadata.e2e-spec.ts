import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@app/platform';
import { TestApp } from '../support/test-app';

interface EventRow {
  stream_id: string;
  type: string;
  metadata: EventMetadata;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every event a request appended, whatever the stream. */
async function eventsOfRequest(api: TestApp, requestId: string): Promise<EventRow[]> {
  return api.runtime.database.sql.query<EventRow>(
    `SELECT stream_id, type, metadata FROM es_events WHERE metadata->>'requestId' = $1 ORDER BY global_position`,
    [requestId],
  );
}

describe('every change is an event naming who made it and in which request', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start();
  });
  afterAll(async () => api?.stop());

  it('PATCH /v2/accounts/me records AccountUpdated with the caller as actor and the X-Request-Id as request', async () => {
    const owner = await api.signUp();
    const requestId = randomUUID();

    const patched = await api.request('PATCH', '/accounts/me', { headers: { ...owner.bearer, 'x-request-id': requestId }, body: { name: 'Audited Name' } });
    expect(patched.status).toBe(200);
    expect(patched.headers.get('x-request-id')).toBe(requestId);

    const stream = await api.runtime.store.readStream(`account-${owner.accountId}`);
    const updated = stream.filter((e) => e.type === 'AccountUpdated');
    expect(updated).toHaveLength(1);
    expect(updated[0].metadata).toMatchObject({ requestId, actorId: owner.accountId, causationId: requestId, schemaVersion: 1 });
    expect(new Date(updated[0].metadata.occurredAt).toISOString()).toBe(updated[0].metadata.occurredAt);
    expect(updated[0].metadata.correlationId).toEqual(expect.any(String));

    // That request wrote nothing else.
    expect((await eventsOfRequest(api, requestId)).map((e) => `${e.stream_id} ${e.type}`)).toEqual([`account-${owner.accountId} AccountUpdated`]);
  });

  it('a change to another account names the one who made it, not the account changed, on every stream it touches', async () => {
    const owner = await api.signUp();
    const member = await api.addAccount(owner);

    const renameId = randomUUID();
    const renamed = await api.request('PATCH', `/accounts/${member.accountId}`, {
      headers: { ...owner.bearer, 'x-request-id': renameId },
      body: { name: 'Renamed' },
    });
    expect(renamed.status).toBe(200);
    const renameEvents = await eventsOfRequest(api, renameId);
    expect(renameEvents.map((e) => `${e.stream_id} ${e.type}`)).toEqual([`account-${member.accountId} AccountUpdated`]);
    expect(renameEvents[0].metadata.actorId).toBe(owner.accountId);

    const rolesId = randomUUID();
    const roles = await api.request('PUT', `/accounts/${member.accountId}/roles`, {
      headers: { ...owner.bearer, 'x-request-id': rolesId },
      body: { set_roles: [{ product: 'LiveChat', role: 'normal' }] },
    });
    expect(roles.status).toBe(200);
    const roleEvents = await eventsOfRequest(api, rolesId);
    expect(roleEvents.map((e) => `${e.stream_id} ${e.type}`)).toEqual([`organization-${owner.organizationId} OrganizationMemberRoleSet`]);
    expect(roleEvents[0].metadata.actorId).toBe(owner.accountId);

    const deleteId = randomUUID();
    const deleted = await api.request('DELETE', `/accounts/${member.accountId}`, { headers: { ...owner.bearer, 'x-request-id': deleteId } });
    expect(deleted.status).toBe(200);
    const deleteEvents = await eventsOfRequest(api, deleteId);
    expect(deleteEvents.map((e) => e.type)).toEqual(expect.arrayContaining(['OrganizationMemberRemoved', 'AccountDeleted', 'AccountEmailReleased']));
    for (const event of deleteEvents) expect({ type: event.type, actorId: event.metadata.actorId }).toEqual({ type: event.type, actorId: owner.accountId });
  });

  it('no event in the log lacks an actor or a request id', async () => {
    const owner = await api.signUp();
    await api.addAccount(owner, { name: 'Someone' });
    const rows = await api.runtime.database.sql.query<EventRow>('SELECT stream_id, type, metadata FROM es_events ORDER BY global_position');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect({ type: row.type, actorId: typeof row.metadata.actorId, requestId: typeof row.metadata.requestId }).toEqual({
        type: row.type,
        actorId: 'string',
        requestId: 'string',
      });
      expect(row.metadata.actorId.length).toBeGreaterThan(0);
      expect(row.metadata.requestId).toMatch(UUID);
    }
  });
});
