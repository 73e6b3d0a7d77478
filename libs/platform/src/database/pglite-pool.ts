import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
// node-postgres' own value preparation, so parameters mean the same on PGlite as on PostgreSQL.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };
import { AsyncMutex } from './async-mutex';
import type { PgLikeClient, PgLikePool, PgLikeResult } from './pg-like-pool';

let templatePath: string | undefined;
let template: Blob | undefined;

/**
 * New in-memory databases start from this image of a freshly initialised data directory (a
 * tarball made by PGlite's dumpDataDir) instead of initialising their own: about a second
 * instead of three and a half. The test suites open hundreds of them; undefined turns it off.
 */
export function startInMemoryDatabasesFrom(imagePath: string | undefined): void {
  templatePath = imagePath;
  template = undefined;
}

function inMemoryTemplate(): Blob | undefined {
  if (templatePath && !template) template = new Blob([readFileSync(templatePath)]);
  return template;
}

type ConnectCallback = (error: Error | null, client: PgliteClient | null, release: () => void) => void;

/**
 * A node-postgres compatible pool over one embedded PGlite database. PGlite is a single session,
 * so the pool hands out one client at a time: whoever holds it (a transaction, a TypeORM query
 * runner) has the session to itself, which keeps transactions isolated from each other.
 */
export class PglitePool extends EventEmitter implements PgLikePool {
  private readonly session = new AsyncMutex();

  private constructor(
    readonly pglite: PGlite,
    private readonly onQuery: () => void,
  ) {
    super();
  }

  /**
   * Opens (or creates) the database in `dataDir`; in memory when dataDir is undefined. `onQuery`
   * is called for every statement sent, as the PostgreSQL pool's connections do.
   */
  static async open(dataDir: string | undefined, onQuery: () => void = () => undefined): Promise<PglitePool> {
    const image = dataDir === undefined ? inMemoryTemplate() : undefined;
    // int8 as string, exactly as node-postgres returns it (no silent precision loss).
    const pglite = await PGlite.create(dataDir, { parsers: { [types.INT8]: (value: string) => value }, ...(image ? { loadDataDir: image } : {}) });
    return new PglitePool(pglite, onQuery);
  }

  async query(textOrConfig: string | { text: string; values: readonly unknown[] }, params?: readonly unknown[]): Promise<PgLikeResult> {
    const [text, values] = statementOf(textOrConfig, params);
    return this.session.runExclusive(() => {
      this.onQuery();
      return runQuery(this.pglite, text, values);
    });
  }

  connect(): Promise<PgliteClient>;
  connect(callback: ConnectCallback): void;
  connect(callback?: ConnectCallback): Promise<PgliteClient> | void {
    const connected = this.session.acquire().then((release) => new PgliteClient(this.pglite, release, this.onQuery));
    if (!callback) return connected;
    connected.then(
      (client) => callback(null, client, () => client.release()),
      (error: Error) => callback(error, null, () => undefined),
    );
  }

  async end(callback?: (error?: Error) => void): Promise<void> {
    await this.session.runExclusive(() => this.pglite.close());
    callback?.();
  }
}

/** The session, held exclusively until release(). */
export class PgliteClient extends EventEmitter implements PgLikeClient {
  private released = false;

  constructor(
    private readonly pglite: PGlite,
    private readonly releaseSession: () => void,
    private readonly onQuery: () => void = () => undefined,
  ) {
    super();
  }

  query(textOrConfig: string | { text: string; values: readonly unknown[] }, params?: readonly unknown[]): Promise<PgLikeResult> {
    if (this.released) return Promise.reject(new Error('PGlite client used after release'));
    this.onQuery();
    const [text, values] = statementOf(textOrConfig, params);
    return runQuery(this.pglite, text, values);
  }

  release(): void {
    this.released = true;
    this.releaseSession();
  }
}

/**
 * The text and values of node-postgres' two call forms. A statement's name is not needed: a
 * single embedded session plans statements cheaply enough.
 */
function statementOf(textOrConfig: string | { text: string; values: readonly unknown[] }, params?: readonly unknown[]): [string, readonly unknown[] | undefined] {
  return typeof textOrConfig === 'string' ? [textOrConfig, params] : [textOrConfig.text, textOrConfig.values];
}

async function runQuery(pglite: PGlite, text: string, params?: readonly unknown[]): Promise<PgLikeResult> {
  const prepared = params?.map((value) => prepareValue(value));
  if (!prepared?.length && text.includes(';')) {
    // Several statements (migrations, schema scripts) go through the simple query protocol.
    const results = await pglite.exec(text);
    const last = results[results.length - 1];
    return { rows: (last?.rows ?? []) as Record<string, unknown>[], rowCount: last?.affectedRows ?? 0, command: commandOf(text) };
  }
  const result = await pglite.query<Record<string, unknown>>(text, prepared);
  return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length, command: commandOf(text) };
}

function commandOf(text: string): string {
  return (/^\s*(\w+)/.exec(text)?.[1] ?? '').toUpperCase();
}
