import { Client, type ClientConfig } from 'pg';
import { prepareStatements } from './prepared-statements';

/**
 * A pg Client class whose connections always have an 'error' listener. The pool listens only to
 * idle connections; one that is checked out (a transaction, a TypeORM query runner) when the
 * server ends the session (shutdown, restart, failover) would emit 'error' with nobody listening,
 * and Node ends the process on an unheard 'error'. The query in flight fails on its own and the
 * pool discards the dead connection on release, so here the error only needs reporting.
 * `onQuery`, when given, hears of every statement the connection sends. Statements with parameters
 * run as prepared statements of the connection (prepared-statements.ts).
 */
export function guardedPgClient(onError: (error: Error) => void, onQuery?: () => void): typeof Client {
  return class GuardedPgClient extends Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      this.on('error', onError);
      prepareStatements(this);
      if (onQuery) countQueries(this, onQuery);
    }
  };
}

/** Every statement is one round trip to the server: `onQuery` hears of each before it is sent. */
function countQueries(client: Client, onQuery: () => void): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    onQuery();
    return query(...args);
  }) as Client['query'];
}
