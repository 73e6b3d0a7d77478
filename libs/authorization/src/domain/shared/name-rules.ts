/**
 * Names people give things (custom roles, personal access tokens). Length counts characters as
 * people see them in most scripts (code points), not UTF-16 units, so an emoji is one character and
 * a limit means the same in every client.
 */
export function characterCount(text: string): number {
  return [...text].length;
}

/** Why a name is unacceptable, in words fit for `invalid_fields`, or undefined when it is fine. */
export function nameProblem(name: unknown, maxLength: number): string | undefined {
  if (typeof name !== 'string') return 'must be a string';
  if (name.trim() === '') return 'must not be empty';
  if (characterCount(name) > maxLength) return `must be at most ${maxLength} characters`;
  // Control characters (newlines, NUL, escapes) break lists, logs and terminals that show the name.
  if (/\p{Cc}/u.test(name)) return 'must not contain control characters';
  return undefined;
}
