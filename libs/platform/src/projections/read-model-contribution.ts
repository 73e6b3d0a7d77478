/* eslint-disable @typescript-eslint/no-unsafe-function-type */
import type { Projection } from './projection';

/** What a module adds to the read side: TypeORM entities, their migrations, and the projections filling them. */
export interface ReadModelContribution {
  readonly entities: readonly Function[];
  readonly migrations: readonly Function[];
  readonly projections: readonly Projection[];
}
