import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type Database, type DatabaseOptions } from '../database/database';

/** The PostgreSQL server tests run against, when there is one; otherwise tests use embedded PGlite. */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? undefined;
}

export interface TestDatabase {
  readonly database: Database;
  /** Connection string of the fresh database (PostgreSQL only). */
  readonly url: string | undefined;
  dispose(): Promise<void>;
}

/** A fresh, empty database per call: its own PostgreSQL database on the server, or an in-memory PGlite. */
export async function createTestDatabase(options: Omit<DatabaseOptions, 'databaseUrl' | 'dataDir'> = {}, kind?: 'postgres' | 'pglite'): Promise<TestDatabase> {
  const server = testServerUrl();
  const usePostgres = kind ? kind === 'postgres' : !!server;
  if (usePostgres && !server) throw new Error('A PostgreSQL test needs DATABASE_URL or TEST_DATABASE_URL');
  if (!usePostgres) {
    const database = await openDatabase(options);
    return { database, url: undefined, dispose: () => database.close() };
  }
  const url = await createEmptyDatabase(server!);
  const database = await openDatabase({ ...options, databaseUrl: url });
  return {
    database,
    url,
    dispose: async () => {
      await database.close();
      await dropDatabase(server!, url);
    },
  };
}

export async function createEmptyDatabase(serverUrl: string): Promise<string> {
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdmin(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function withAdmin<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
