import type { SqlDatabase } from '../database/sql';

/**
 * The SqlDatabase with the text of every statement sent through it, in order (a transaction's
 * own statements aside), for tests that count round trips on the real database.
 */
export function recordingStatements(sql: SqlDatabase): SqlDatabase & { readonly statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    query: (text, params) => {
      statements.push(text);
      return sql.query(text, params);
    },
    transaction: (work) => sql.transaction(work),
  };
}
