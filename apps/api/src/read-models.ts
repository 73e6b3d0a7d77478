import type { ReadModelContribution } from '@app/platform';

/** The module read models this service runs (the platform's own is always included). Keep in step with the admin CLI's list. */
export const READ_MODELS: readonly ReadModelContribution[] = [];
