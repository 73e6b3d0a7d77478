import type { RecordedEvent } from '@app/platform';
import { assignmentsOf, type FieldAssignments } from './audited-fields';

export type AuditedEvent = Pick<RecordedEvent, 'streamId' | 'revision' | 'type' | 'data' | 'metadata' | 'position'>;

/**
 * What the audit remembers of one stream between its events: the organizations it belongs to
 * (for events that do not name one), whom it is about, and the last value of each audited field.
 */
export interface StreamContext {
  /**
   * Last revision folded in; -1 before the first event. Refolding an older event is a no-op. A
   * context as the audit projection stores it holds the last revision that changed it: the events
   * after it changed nothing of it.
   */
  readonly revision: number;
  readonly organizationIds: readonly string[];
  readonly accountId?: string;
  readonly sessionId?: string;
  readonly clientId?: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

export function initialStreamContext(): StreamContext {
  return { revision: -1, organizationIds: [], fields: {} };
}

export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Whether the audit follows a stream at all. An email's reservation stream (identity's
 * `accountEmail-<hash>`) names an account and never an organization: no timeline shows its events,
 * and no later event reads its context, so every account's creation would store one for nothing.
 */
export const isAuditedStream = (streamId: string): boolean => categoryOf(streamId) !== 'accountEmail';

/** An organization's own stream names many accounts: none of them is "the" account of the stream. */
const namesMembers = (streamId: string) => categoryOf(streamId) === 'organization';

export function evolveStreamContext(context: StreamContext, event: AuditedEvent): StreamContext {
  if (event.revision <= context.revision) return context;
  const draft: DraftStreamContext = { ...context, fields: { ...context.fields } };
  evolveStreamContextInPlace(draft, event);
  return draft;
}

/** A stream context its owner may change in place. */
export type DraftStreamContext = { -readonly [K in keyof StreamContext]: StreamContext[K] } & { fields: Record<string, unknown> };

/**
 * A draft of `context` (sharing its fields) with every property present, in one order. Contexts
 * read back from JSON lack the ones never set; folding drafts of many shapes made each property
 * access of the fold a slow, generic one.
 */
export function draftOf(context: StreamContext): DraftStreamContext {
  return {
    revision: context.revision,
    organizationIds: context.organizationIds,
    accountId: context.accountId,
    sessionId: context.sessionId,
    clientId: context.clientId,
    fields: context.fields as Record<string, unknown>,
  };
}

/**
 * The same fold, changing `draft` itself; returns the fields the event set. An organization's
 * stream keeps a field per member and product, so copying the fields for each event makes folding
 * it quadratic in its size; the projection folds a batch into drafts of its own instead.
 * `assignments`, if given, are the event's on `draft` as it is now (see describeEvent).
 */
export function evolveStreamContextInPlace(draft: DraftStreamContext, event: AuditedEvent, assignments?: FieldAssignments): Readonly<Record<string, unknown>> {
  if (event.revision <= draft.revision) return {};
  const data = (event.data ?? {}) as Record<string, unknown>;
  const { set } = assignments ?? assignmentsOf(event.type, data, draft.fields);
  draft.organizationIds = organizationsAfter(draft, event, data);
  draft.accountId = draft.accountId ?? (namesMembers(event.streamId) ? undefined : str(data.account_id));
  draft.sessionId = draft.sessionId ?? str(data.session_id) ?? (categoryOf(event.streamId) === 'session' ? event.streamId.slice('session-'.length) : undefined);
  draft.clientId = draft.clientId ?? (namesMembers(event.streamId) ? undefined : str(data.client_id));
  Object.assign(draft.fields, set);
  draft.revision = event.revision;
  return set;
}

/** Accounts join and leave organizations; every other stream belongs to the organizations its events name. */
function organizationsAfter(context: StreamContext, event: AuditedEvent, data: Record<string, unknown>): string[] {
  const current = [...context.organizationIds];
  const named = str(data.organization_id);
  if (event.type === 'AccountLeftOrganization') return current.filter((id) => id !== named);
  if (named && !current.includes(named)) current.push(named);
  return current;
}

/**
 * The organizations an event belongs to: the ones its data names, else the ones its stream
 * belongs to at that moment (an account's password change belongs to each of its organizations).
 */
export function organizationsOf(event: AuditedEvent, before: StreamContext): readonly string[] {
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (Array.isArray(data.organization_ids)) return data.organization_ids.filter((id): id is string => typeof id === 'string');
  const named = str(data.organization_id);
  return named ? [named] : before.organizationIds;
}
