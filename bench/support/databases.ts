import { Client } from 'pg';

/**
 * The run's own databases on the shared server (`bench_<ts>_<role>`), so a run never touches
 * anyone else's data and leaves nothing behind.
 */
export class BenchDatabases {
  private readonly created: string[] = [];
  private readonly stamp = `${Date.now().toString(36)}`;

  constructor(private readonly serverUrl: string) {}

  async create(role: string): Promise<string> {
    const name = `bench_${this.stamp}_${role}`;
    await this.admin(`CREATE DATABASE ${name}`);
    this.created.push(name);
    const url = new URL(this.serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  async dropAll(): Promise<void> {
    for (const name of this.created.splice(0)) await this.admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }

  async serverVersion(): Promise<string> {
    const client = new Client({ connectionString: this.serverUrl });
    await client.connect();
    try {
      return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
    } finally {
      await client.end();
    }
  }

  private async admin(sql: string): Promise<void> {
    const client = new Client({ connectionString: this.serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}
