import type { SqlDatabase } from '../database/sql';

/**
 * The SqlDatabase with the text of every statement sent through it, in order (a transaction's
 * own statements aside), for tests that count round trips on the real database; `parameters`
 * holds each statement's parameters at the same place.
 */
export function recordingStatements(sql: SqlDatabase): SqlDatabase & { readonly statements: string[]; readonly parameters: (readonly unknown[] | undefined)[] } {
  const statements: string[] = [];
  const parameters: (readonly unknown[] | undefined)[] = [];
  return {
    statements,
    parameters,
    query: (text, params) => {
      statements.push(text);
      parameters.push(params);
      return sql.query(text, params);
    },
    transaction: (work) => sql.transaction(work),
  };
}
