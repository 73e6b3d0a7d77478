import type { BenchSettings } from '../support/settings';
import type { ServerProcess } from '../support/processes';

/** What every item needs: the settings, the servers under test, and a progress log. */
export interface ItemContext {
  readonly settings: BenchSettings;
  readonly service: ServerProcess;
  readonly log: (line: string) => void;
}

export const json = { 'content-type': 'application/json' } as const;
