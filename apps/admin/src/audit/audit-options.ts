import { parseAuditTime, type AuditFilter } from '@app/audit';

/** The raw flags of `admin audit`, as commander hands them over. */
export interface AuditOptions {
  account?: string;
  organization?: string;
  session?: string;
  client?: string;
  type?: string;
  actor?: string;
  since?: string;
  until?: string;
  correlation?: string;
  asOf?: string;
  json?: boolean;
}

export class AuditUsageError extends Error {}

function time(flag: string, text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const parsed = parseAuditTime(text);
  if (!parsed) throw new AuditUsageError(`${flag} must be an ISO 8601 time, e.g. 2025-01-31T12:00:00Z`);
  return parsed;
}

export function auditFilterOf(options: AuditOptions): AuditFilter {
  return {
    accountId: options.account,
    organizationId: options.organization,
    sessionId: options.session,
    clientId: options.client,
    types: options.type?.split(',').map((t) => t.trim()).filter(Boolean),
    actorId: options.actor,
    since: time('--since', options.since),
    until: time('--until', options.until),
    correlationId: options.correlation,
  };
}

export function asOfOf(options: AuditOptions): Date | undefined {
  const at = time('--as-of', options.asOf);
  if (at && !options.account && !options.organization) throw new AuditUsageError('--as-of needs --account or --organization');
  return at;
}
