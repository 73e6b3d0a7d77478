import { Client } from 'pg';
import type { ExclusiveLocks, Lease } from './sql';

/**
 * Session-level advisory locks, each on its own connection: when the process dies, or its
 * connection does, PostgreSQL releases the lock and a standby can take it.
 */
export class PgAdvisoryLocks implements ExclusiveLocks {
  constructor(private readonly connectionString: string) {}

  async tryAcquire(name: string): Promise<Lease | null> {
    const client = new Client({ connectionString: this.connectionString });
    let markLost!: () => void;
    const lost = new Promise<void>((resolve) => (markLost = resolve));
    client.on('error', () => markLost());
    client.on('end', () => markLost());
    await client.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
        [name],
      );
      if (!rows[0]?.locked) {
        await client.end();
        return null;
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return {
      lost,
      release: async () => {
        // Unlock explicitly: the server would release it when the session ends, but only after
        // the client has already moved on, and a standby asking right then would be refused.
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]).catch(() => undefined);
        await client.end().catch(() => undefined);
      },
    };
  }
}
