import type { ReadModelContribution } from '@app/platform';

/** The module read models this service runs; the same list as the API's (the platform's own is always included). */
export const READ_MODELS: readonly ReadModelContribution[] = [];
