import { isKnownScope } from '../scopes/known-scopes';
import { nameProblem } from '../shared/name-rules';
import type { CreatePersonalAccessToken } from './personal-access-token.commands';

export const PAT_NAME_MAX_LENGTH = 128;

/** What is wrong with a new PAT's fields (`name`, `scopes`); empty when it is fine. */
export function personalAccessTokenProblems(command: Pick<CreatePersonalAccessToken, 'name' | 'scopes'>): Record<string, string> {
  const problems: Record<string, string> = {};
  const name = nameProblem(command.name, PAT_NAME_MAX_LENGTH);
  if (name) problems.name = name;
  // A PAT with no scope could call nothing; one with an unknown scope would carry a typo forever,
  // since its scopes are fixed at creation.
  if (command.scopes.length === 0) problems.scopes = 'must list at least one scope';
  else {
    const unknown = [...new Set(command.scopes.filter((s) => !isKnownScope(s)))];
    if (unknown.length) problems.scopes = `unknown scope: ${unknown.join(', ')}`;
  }
  return problems;
}
