// node-postgres' own value preparation: a value inlined here reads as it would have as a parameter.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => string | Buffer | null | undefined };

/**
 * A value as an SQL literal of unknown type: PostgreSQL resolves it from its context exactly as it
 * resolves a parameter, which node-postgres also sends as text of unknown type. Bytes go as hex.
 */
export function sqlLiteral(value: unknown): string {
  const prepared = prepareValue(value);
  if (prepared === null || prepared === undefined) return 'NULL';
  if (Buffer.isBuffer(prepared)) return `'\\x${prepared.toString('hex')}'`;
  return quoteText(prepared);
}

/**
 * Text as a string constant, as node-postgres' escapeLiteral writes it: quotes doubled, and with
 * a backslash in it an E'' constant with backslashes doubled, which reads the same whatever
 * standard_conforming_strings says. Two native replaces instead of escapeLiteral's loop over every
 * character: a batch's rows go as one JSON text of tens of kilobytes.
 */
function quoteText(text: string): string {
  const quoted = text.replace(/'/g, "''");
  return text.includes('\\') ? ` E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}

/**
 * `text` with its positional parameters ($1, $2, ...) replaced by the values as literals, for a
 * statement sent with others in one simple query. The statement must not contain "$<digit>"
 * other than its parameters (in a string constant, say); the values may contain anything.
 */
export function inlineParameters(text: string, params: readonly unknown[] = []): string {
  return text.replace(/\$(\d+)/g, (_, digits: string) => {
    const index = Number(digits) - 1;
    if (index < 0 || index >= params.length) throw new Error(`statement refers to $${digits} but has ${params.length} parameters`);
    return sqlLiteral(params[index]);
  });
}
