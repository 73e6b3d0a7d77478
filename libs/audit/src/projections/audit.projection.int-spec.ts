import { randomUUID } from 'node:crypto';
import { applyBatch, ProjectionRebuilder, type Projection, type RecordedEvent, type ReplayUse, type SqlRunner } from '@app/platform';
import { createTestRuntime, eventually, testMetadata, testServerUrl, untilLogSettled, type TestRuntime } from '@app/platform/testing';
import { AUDIT_READ_MODEL } from '../audit.module';
import { describeEvent, evolveStreamContext, initialStreamContext, type StreamContext } from '../domain';
import { entryOfRow, type AuditEntryRow } from './audit-entry-rows';
import { AuditProjection } from './audit.projection';

// On the PostgreSQL server when one is configured, else on the embedded database.
const kind = testServerUrl() ? 'postgres' : 'pglite';

/**
 * The audit projection's replay (of the use the rebuild asks for, or `use` when given) with writes
 * held back: on PostgreSQL each write waits until the
 * next batch has been prepared (for at most two seconds: the last one has none), so that batch's
 * contexts are read before this one's are written, and a context read instead of carried would be
 * stale. `overlapped` counts the writes that did wait for a prepared batch. The embedded database
 * has one session, so nothing is prepared during a write there; its writes only pause.
 */
const heldWrites = (audit: AuditProjection, use?: ReplayUse) => {
  let started = 0;
  let prepared = 0;
  let overlapped = 0;
  const projection: Projection = {
    name: audit.name,
    version: audit.version,
    tables: audit.tables,
    apply: (events, tx) => audit.apply(events, tx),
    replay: (asked) => {
      const replay = audit.replay(use ?? asked);
      return {
        prepare: async (events, read) => {
          const n = ++started;
          const write = await replay.prepare(events, read);
          prepared++;
          return async (tx) => {
            if (kind === 'postgres') {
              if (await eventually(() => prepared > n, (next) => next, 2_000, 5)) overlapped++;
            } else {
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
            await write(tx);
          };
        },
      };
    },
  };
  return { projection, overlapped: () => overlapped };
};

/** The audit projection through `apply` only, batch after batch (what the live runner does). */
const applyOnly = (audit: AuditProjection): Projection => ({ name: audit.name, version: audit.version, tables: audit.tables, apply: (events: readonly RecordedEvent[], tx: SqlRunner) => audit.apply(events, tx) });

describe(`audit projection on ${kind}`, () => {
  let test: TestRuntime;
  const snapshot = async () => ({
    entries: (await test.runtime.database.sql.query('SELECT * FROM audit_entries ORDER BY organization_id, commit_position, prepare_position')) as {
      type: string;
      entry: { changes: unknown };
    }[],
    contexts: (await test.runtime.database.sql.query('SELECT * FROM audit_stream_contexts ORDER BY stream_id')) as { stream_id: string; context: { fields: object } }[],
    memberFields: (await test.runtime.database.sql.query('SELECT * FROM audit_member_fields ORDER BY stream_id, field')) as { stream_id: string; field: string; value: unknown }[],
  });
  const organizationId = randomUUID();
  const accounts = Array.from({ length: 6 }, () => randomUUID());

  beforeAll(async () => {
    test = await createTestRuntime(kind, { readModels: [AUDIT_READ_MODEL] });
    // One organization whose context grows with every member, and accounts renamed later:
    // in small batches, most contexts are carried from one batch to the next.
    const append = (stream: string, type: string, data: Record<string, unknown>) =>
      test.runtime.store.appendToStream(stream, [{ id: randomUUID(), type, data, metadata: testMetadata() }], { expectedRevision: 'any' });
    await append(`organization-${organizationId}`, 'OrganizationCreated', { organization_id: organizationId, name: 'Acme', company: null });
    await append(`accountEmail-${'e'.repeat(64)}`, 'AccountEmailReserved', { email_hash: 'e'.repeat(64), account_id: accounts[0] });
    for (const [i, accountId] of accounts.entries()) {
      await append(`account-${accountId}`, 'AccountCreated', { account_id: accountId, organization_id: organizationId, name: `Member ${i}` });
      await append(`organization-${organizationId}`, 'OrganizationMemberRoleSet', { organization_id: organizationId, account_id: accountId, role: { product: 'Accounts', role: 'member' } });
    }
    for (const [i, accountId] of accounts.entries()) {
      await append(`account-${accountId}`, 'AccountUpdated', { account_id: accountId, changes: { name: `Renamed ${i}` } });
      if (i % 2) await append(`organization-${organizationId}`, 'OrganizationMemberRoleSet', { organization_id: organizationId, account_id: accountId, role: { product: 'Accounts', role: 'owner' } });
    }
    // Enough for batches longer than the projection folds without letting the event loop turn.
    for (const [i, accountId] of accounts.entries()) {
      const renames = Array.from({ length: 150 }, (_, n) => ({ id: randomUUID(), type: 'AccountUpdated', data: { account_id: accountId, changes: { name: `Name ${i}.${n}` } }, metadata: testMetadata() }));
      await test.runtime.store.appendToStream(`account-${accountId}`, renames, { expectedRevision: 'any' });
    }
    // A change through an OAuth client and a PAT, in a request of another correlation, at a time
    // finer than milliseconds: what the stored document keeps beside the columns.
    await test.runtime.store.appendToStream(
      `account-${accounts[2]}`,
      [
        {
          id: randomUUID(),
          type: 'AccountUpdated',
          data: { account_id: accounts[2], changes: { name: 'Through a client' } },
          metadata: testMetadata({ requestId: randomUUID(), clientId: 'client-1', patId: 'pat-1', occurredAt: '2026-12-01T10:00:00.123456Z' }),
        },
      ],
      { expectedRevision: 'any' },
    );
    // A member with two roles leaves: both are shown going, read from the member's fields.
    await append(`organization-${organizationId}`, 'OrganizationMemberRoleSet', { organization_id: organizationId, account_id: accounts[1], role: { product: 'Billing', role: 'member' } });
    const last = await append(`organization-${organizationId}`, 'OrganizationMemberRemoved', { organization_id: organizationId, account_id: accounts[1] });
    await untilLogSettled(test.runtime.store, last.position);
  });
  afterAll(async () => test?.dispose());

  // A rebuild's replay keeps only its latest batch's contexts: the others are read back from the
  // table while the batch before is still being written. A live replay, which carries many more,
  // is put through the same, stricter than the live runner (it never prepares during a write).
  // Batches of one event put the member's last two role changes in two batches, the second
  // prepared while the first is written (on PostgreSQL only: the embedded database prepares
  // nothing while it writes).
  it.each<[number, ReplayUse]>([
    [25, 'rebuild'],
    [1_000, 'rebuild'],
    [25, 'live'],
    ...(kind === 'postgres' ? [[1, 'rebuild'] as [number, ReplayUse]] : []),
  ])('gives the same timeline and contexts through a replay as through apply (batches of %i, a %s replay)', async (batchSize, use) => {
    const rebuilder = new ProjectionRebuilder(test.runtime.store, test.runtime.database.dataSource, undefined, batchSize);
    await rebuilder.rebuild(applyOnly(new AuditProjection()));
    const applied = await snapshot();
    expect(applied.entries).toHaveLength(22 + 900 + 3);
    const renamed = applied.entries.filter((row) => row.type === 'AccountUpdated');
    expect(renamed.map((row) => row.entry.changes)).toContainEqual([{ field: 'name', before: 'Member 5', after: 'Renamed 5' }]);
    expect(renamed.map((row) => row.entry.changes)).toContainEqual([{ field: 'name', before: 'Name 5.148', after: 'Name 5.149' }]);

    const removed = applied.entries.find((row) => row.type === 'OrganizationMemberRemoved');
    expect(removed?.entry.changes).toEqual(
      expect.arrayContaining([
        { field: `roles.${accounts[1]}.Accounts`, before: 'owner', after: null },
        { field: `roles.${accounts[1]}.Billing`, before: 'member', after: null },
      ]),
    );
    expect((removed?.entry.changes as unknown[]).length).toBe(2);

    const held = heldWrites(new AuditProjection(), use);
    await rebuilder.rebuild(held.projection);
    expect(await snapshot()).toEqual(applied);
    // In small batches, contexts were carried into batches prepared before the last was written.
    if (kind === 'postgres' && batchSize < 100) expect(held.overlapped()).toBeGreaterThan(0);
  });

  it('stores entries and contexts as the JSON text they were written in (json, not a re-ordered jsonb tree)', async () => {
    await new ProjectionRebuilder(test.runtime.store, test.runtime.database.dataSource, undefined, 25).rebuild(applyOnly(new AuditProjection()));
    const [row] = (await test.runtime.database.sql.query(
      `SELECT pg_typeof(e.entry)::text AS entry_type, e.entry::text AS entry, pg_typeof(c.context)::text AS context_type, c.context::text AS context
       FROM audit_entries e, audit_stream_contexts c LIMIT 1`,
    )) as { entry_type: string; entry: string; context_type: string; context: string }[];
    expect(row).toMatchObject({ entry_type: 'json', context_type: 'json' });
    // As written: a jsonb tree would print its shortest keys first ("fields" before "revision").
    expect(row.context).toMatch(/^\{"revision":/);
    // The document holds only what the row's columns do not (the same request and correlation, a time the column keeps).
    expect(Object.keys(JSON.parse(row.entry))).toEqual(['stream', 'changes', 'details']);
  });

  it('keeps no context for an email reservation stream, whose events belong to no organization', async () => {
    await new ProjectionRebuilder(test.runtime.store, test.runtime.database.dataSource, undefined, 25).rebuild(new AuditProjection());
    const streams = (await test.runtime.database.sql.query('SELECT stream_id FROM audit_stream_contexts')) as { stream_id: string }[];
    expect(streams.map((s) => s.stream_id)).toContain(`organization-${organizationId}`);
    expect(streams.filter((s) => s.stream_id.startsWith('accountEmail-'))).toEqual([]);
  });

  it('shows the entries a replay wrote as describeEvent describes their events, from the documents and the columns', async () => {
    await new ProjectionRebuilder(test.runtime.store, test.runtime.database.dataSource, undefined, 25).rebuild(new AuditProjection());
    const rows = (await test.runtime.database.sql.query(
      `SELECT organization_id, commit_position::text AS commit, prepare_position::text AS prepare, occurred_at, type, actor_id, actor_client_id,
         account_id, session_id, client_id, correlation_id, entry FROM audit_entries ORDER BY commit_position, prepare_position`,
    )) as AuditEntryRow[];
    // The events' entries as the domain describes them, each stream's context folded in order.
    const contexts = new Map<string, StreamContext>();
    const described = [];
    for (const event of await test.runtime.store.readAll({ after: null, maxCount: 10_000 })) {
      const before = contexts.get(event.streamId) ?? initialStreamContext();
      const entry = describeEvent(event, before);
      contexts.set(event.streamId, evolveStreamContext(before, event));
      for (const organizationId of entry.organization_ids) described.push({ ...entry, organization_ids: [organizationId] });
    }
    expect(rows).toHaveLength(22 + 900 + 3);
    expect(rows.map(entryOfRow)).toEqual(described);
    const throughClient = described.find((entry) => entry.actor.pat_id === 'pat-1');
    expect(throughClient).toMatchObject({ time: '2026-12-01T10:00:00.123456Z', actor: { client_id: 'client-1', pat_id: 'pat-1' } });
    expect(throughClient?.request_id).not.toBe(throughClient?.correlation_id);
  });

  it('keeps an organization\'s member fields in rows of their own, not in its stream\'s context', async () => {
    await new ProjectionRebuilder(test.runtime.store, test.runtime.database.dataSource, undefined, 25).rebuild(applyOnly(new AuditProjection()));
    const { contexts, memberFields } = await snapshot();
    const organization = contexts.find((row) => row.stream_id === `organization-${organizationId}`)!;
    expect(Object.keys(organization.context.fields)).toEqual(['name']);
    const fields = memberFields.filter((row) => row.stream_id === `organization-${organizationId}`);
    expect(fields).toHaveLength(accounts.length + 1);
    expect(fields.find((row) => row.field === `roles.${accounts[1]}.Billing`)?.value).toBeNull();
    expect(fields.find((row) => row.field === `roles.${accounts[3]}.Accounts`)?.value).toBe('owner');
    expect(fields.find((row) => row.field === `roles.${accounts[2]}.Accounts`)?.value).toBe('member');
  });

  it('changes nothing when events it has applied are applied again, first events of streams included', async () => {
    await new ProjectionRebuilder(test.runtime.store, test.runtime.database.dataSource, undefined, 25).rebuild(applyOnly(new AuditProjection()));
    const before = await snapshot();
    const earliest = await test.runtime.store.readAll({ after: null, maxCount: 30 });
    expect(earliest.filter((event) => event.revision === 0).length).toBeGreaterThan(1);
    await new AuditProjection().apply(earliest, test.runtime.database.sql);
    expect(await snapshot()).toEqual(before);
  });

  // A live replay carries what its latest batches left; a rebuild's, only its latest batch.
  it.each<[ReplayUse, number]>([
    ['live', 2],
    ['rebuild', 3],
  ])('reads back only the contexts of streams its %s replay does not hold (%i reads), and writes what apply writes', async (use, reads) => {
    const rebuilt = await new ProjectionRebuilder(test.runtime.store, test.runtime.database.dataSource, undefined, 25).rebuild(applyOnly(new AuditProjection()));
    const audit = new AuditProjection();
    const replay = audit.replay(use);
    const dataSource = test.runtime.database.dataSource;
    const contextReads: unknown[] = [];
    const query = dataSource.manager.query.bind(dataSource.manager);
    const spy = jest.spyOn(dataSource.manager, 'query').mockImplementation((sql: string, parameters?: Parameters<typeof query>[1]) => {
      if (/FROM audit_stream_contexts/.test(sql)) contextReads.push((parameters as unknown[])[0]);
      return query(sql, parameters);
    });
    const [known, other] = [`account-${accounts[0]}`, `account-${accounts[2]}`];
    const newcomer = randomUUID();
    const rename = (stream: string, name: string): [string, string, Record<string, unknown>] => [stream, 'AccountUpdated', { account_id: stream.slice('account-'.length), changes: { name } }];
    try {
      let after = rebuilt.position!;
      const batch = async (streams: [string, string, Record<string, unknown>][]) => {
        let last;
        for (const [stream, type, data] of streams) {
          last = await test.runtime.store.appendToStream(stream, [{ id: randomUUID(), type, data, metadata: testMetadata() }], { expectedRevision: 'any' });
        }
        // Readable once no older transaction is open (ADR 001): the batch must hold every event appended.
        await untilLogSettled(test.runtime.store, last!.position);
        const events = await test.runtime.store.readAll({ after, maxCount: 100 });
        expect(events).toHaveLength(streams.length);
        expect(await applyBatch(dataSource, audit, after, events, after, replay)).toEqual({ kind: 'applied', position: events[events.length - 1].position });
        after = events[events.length - 1].position;
      };
      // An account seen before this replay began, and one that starts in the batch.
      await batch([rename(known, `${use} 1`), [`account-${newcomer}`, 'AccountCreated', { account_id: newcomer, organization_id: organizationId, name: 'Newcomer' }]]);
      expect(contextReads).toEqual([[known]]);
      // Both again: their contexts are the ones the first batch left.
      await batch([rename(known, `${use} 2`), rename(`account-${newcomer}`, `${use} newcomer`)]);
      expect(contextReads).toHaveLength(1);
      // Another stream, then the first one again: only a live replay still holds it.
      await batch([rename(other, `${use} 3`)]);
      await batch([rename(known, `${use} 4`)]);
      expect(contextReads).toEqual([[known], [other], ...(use === 'rebuild' ? [[known]] : [])]);
      expect(contextReads).toHaveLength(reads);
    } finally {
      spy.mockRestore();
    }
    const live = await snapshot();
    const renamed = live.entries.filter((row) => row.type === 'AccountUpdated').map((row) => row.entry.changes);
    expect(renamed).toContainEqual([{ field: 'name', before: `${use} 2`, after: `${use} 4` }]);
    expect(renamed).toContainEqual([{ field: 'name', before: 'Newcomer', after: `${use} newcomer` }]);
    await new ProjectionRebuilder(test.runtime.store, test.runtime.database.dataSource, undefined, 25).rebuild(applyOnly(new AuditProjection()));
    expect(await snapshot()).toEqual(live);
  });

  it('stores the same contexts, revisions included, whatever the batches the events came in', async () => {
    const rebuild = async (batchSize: number) => {
      await new ProjectionRebuilder(test.runtime.store, test.runtime.database.dataSource, undefined, batchSize).rebuild(applyOnly(new AuditProjection()));
      return (await snapshot()).contexts;
    };
    // A role set again as it is changes nothing of the organization's context: the stored revision stays the one before it.
    const stream = `organization-${organizationId}`;
    const again = await test.runtime.store.appendToStream(
      stream,
      [{ id: randomUUID(), type: 'OrganizationMemberRoleSet', data: { organization_id: organizationId, account_id: accounts[2], role: { product: 'Accounts', role: 'member' } }, metadata: testMetadata() }],
      { expectedRevision: 'any' },
    );
    await untilLogSettled(test.runtime.store, again.position);
    const inOne = await rebuild(1_000);
    const organization = inOne.find((row) => row.stream_id === stream) as { context: StreamContext } | undefined;
    expect(organization?.context.revision).toBe(again.nextExpectedRevision - 1);
    expect(await rebuild(7)).toEqual(inOne);
  });

  it('rewrites no stored context that an event leaves as it was, and the next event still finds it', async () => {
    const rebuilt = await new ProjectionRebuilder(test.runtime.store, test.runtime.database.dataSource, undefined, 25).rebuild(applyOnly(new AuditProjection()));
    const tokenId = randomUUID();
    const stream = `accessToken-${tokenId}`;
    const token = { token_id: tokenId, token_hash: 'f'.repeat(64), account_id: accounts[0], organization_id: organizationId, client_id: 'client-1' };
    let after = rebuilt.position!;
    // Each batch by a replay of its own: the context is read back from its row, not carried.
    const applyNext = async (type: string, data: Record<string, unknown>) => {
      const { position } = await test.runtime.store.appendToStream(stream, [{ id: randomUUID(), type, data, metadata: testMetadata() }], { expectedRevision: 'any' });
      await untilLogSettled(test.runtime.store, position);
      const events = await test.runtime.store.readAll({ after, maxCount: 100 });
      expect(events).toHaveLength(1);
      await applyBatch(test.runtime.database.dataSource, new AuditProjection(), after, events, after);
      after = events[0].position;
    };
    const storedRow = async () =>
      ((await test.runtime.database.sql.query('SELECT xmin::text AS version, context FROM audit_stream_contexts WHERE stream_id = $1', [stream])) as {
        version: string;
        context: StreamContext;
      }[])[0];

    await applyNext('AccessTokenIssued', { ...token, session_id: null, scopes: ['openid'], issued_at: new Date().toISOString(), expires_at: new Date().toISOString() });
    const issued = await storedRow();
    expect(issued.context).toMatchObject({ revision: 0, organizationIds: [organizationId], accountId: accounts[0], clientId: 'client-1' });

    // A revocation changes nothing the context holds: the row is the one the issue wrote.
    await applyNext('AccessTokenRevoked', { ...token, reason: 'revoked', revoked_by: accounts[0], revoked_at: new Date().toISOString() });
    expect(await storedRow()).toEqual(issued);
    // A later event of the stream folds on from it, and each entry found the token's organization.
    await applyNext('AccessTokenRevoked', { ...token, reason: 'revoked', revoked_by: accounts[1], revoked_at: new Date().toISOString() });
    expect(await storedRow()).toEqual(issued);
    const entries = (await test.runtime.database.sql.query(
      "SELECT organization_id, type FROM audit_entries WHERE entry->>'stream' = $1 ORDER BY commit_position, prepare_position",
      [stream],
    )) as { organization_id: string; type: string }[];
    expect(entries).toEqual([
      { organization_id: organizationId, type: 'AccessTokenIssued' },
      { organization_id: organizationId, type: 'AccessTokenRevoked' },
      { organization_id: organizationId, type: 'AccessTokenRevoked' },
    ]);
  });
});
