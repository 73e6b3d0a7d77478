import { eventStoreContract } from '../../testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// Runs only where a server is reachable (docker-compose starts one); reported as skipped elsewhere.
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const describeIfAvailable = connectionString ? describe : describe.skip;

describeIfAvailable('event store contract on EventStoreDB', () => {
  eventStoreContract(async () => {
    const open = () => EventStoreDbEventStore.connect(connectionString!);
    const store = await open();
    const reopened: EventStoreDbEventStore[] = [];
    return {
      store,
      reopen: async () => {
        const next = await open();
        reopened.push(next);
        return next;
      },
      dispose: async () => {
        await store.close();
        for (const r of reopened) await r.close();
      },
    };
  });
});
