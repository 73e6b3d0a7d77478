import { AUDIT_READ_MODEL } from '@app/audit';
import { AUTHORIZATION_READ_MODEL } from '@app/authorization';
import { IDENTITY_READ_MODEL } from '@app/identity';
import { ORGANIZATIONS_READ_MODEL } from '@app/organizations';
import type { ReadModelContribution } from '@app/platform';
import { SESSIONS_READ_MODEL } from '@app/sessions';

/** The module read models this service runs (the platform's own is always included); the API and the admin CLI use the same list. */
export const READ_MODELS: readonly ReadModelContribution[] = [IDENTITY_READ_MODEL, ORGANIZATIONS_READ_MODEL, AUTHORIZATION_READ_MODEL, SESSIONS_READ_MODEL, AUDIT_READ_MODEL];
