import { Client, type ClientConfig } from 'pg';

/**
 * A pg Client class whose connections always have an 'error' listener. The pool listens only to
 * idle connections; one that is checked out (a transaction, a TypeORM query runner) when the
 * server ends the session (shutdown, restart, failover) would emit 'error' with nobody listening,
 * and Node ends the process on an unheard 'error'. The query in flight fails on its own and the
 * pool discards the dead connection on release, so here the error only needs reporting.
 */
export function guardedPgClient(onError: (error: Error) => void): typeof Client {
  return class GuardedPgClient extends Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      this.on('error', onError);
    }
  };
}
