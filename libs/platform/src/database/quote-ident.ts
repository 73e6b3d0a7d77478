/** An SQL identifier in double quotes, any double quote in it doubled. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
