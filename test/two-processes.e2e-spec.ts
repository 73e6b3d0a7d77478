import { testServerUrl } from '@app/platform/testing';
import { twoApiProcessesOnOneDatabase } from './support/two-api-processes';

const PROBE_APP = 'test/fixtures/probe/main.ts';
const describePostgres = testServerUrl() ? describe : describe.skip;

describePostgres('two API processes on one database', () => {
  const processes = twoApiProcessesOnOneDatabase(PROBE_APP);

  it('never serves a stale read: 100 times write on one, read on the other', async () => {
    let stale = 0;
    for (let i = 0; i < 100; i++) {
      const [writer, reader] = i % 2 === 0 ? [processes.a, processes.b] : [processes.b, processes.a];
      const created = await fetch(`${writer.url}/v2/probe/streams`, { method: 'POST' });
      expect(created.status).toBe(201);
      const { stream_id } = (await created.json()) as { stream_id: string };
      const read = await fetch(`${reader.url}/v2/probe/streams/${stream_id}`);
      if (read.status !== 200) stale++;
      else expect(await read.json()).toMatchObject({ stream_id, revision: 0, last_event_type: 'ProbeCreated' });
    }
    expect(stale).toBe(0);
  }, 120_000);
});
