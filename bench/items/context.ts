import type { BenchSettings } from '../support/settings';
import type { ServerProcess } from '../support/processes';
import type { CostProbe } from '../support/request-cost';

/** What every item needs: the settings, the servers under test, and a progress log. */
export interface ItemContext {
  readonly settings: BenchSettings;
  readonly service: ServerProcess;
  readonly log: (line: string) => void;
  /** Where a server's cost per request is read (its process and its database). */
  readonly probe: (server: ServerProcess) => CostProbe;
}

export const json = { 'content-type': 'application/json' } as const;
