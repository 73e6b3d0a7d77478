import type { AuditEntry } from './audit-entry';

/**
 * An entry as one organization may see it: an account in several organizations has events that
 * belong to each, and none of them may learn from it which other organizations there are.
 */
export function scopeToOrganization(entry: AuditEntry, organizationId: string): AuditEntry {
  const details = { ...entry.details };
  if (Array.isArray(details.organization_ids)) details.organization_ids = details.organization_ids.filter((id) => id === organizationId);
  return { ...entry, organization_ids: entry.organization_ids.filter((id) => id === organizationId), details };
}
