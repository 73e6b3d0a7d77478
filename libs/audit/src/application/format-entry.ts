import type { ShownEntry } from './open-entries';

const show = (value: unknown): string => (value === null ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value));

/**
 * One readable line per event: time, type, stream, actor (with the client or PAT used), request,
 * then what changed. Details that are not changes follow in JSON, secrets already redacted.
 */
export function formatEntry(entry: ShownEntry): string {
  const actor = [entry.actor.account_id, entry.actor.client_id && `client ${entry.actor.client_id}`, entry.actor.pat_id && `pat ${entry.actor.pat_id}`]
    .filter(Boolean)
    .join(' via ');
  const changes = entry.changes.map((c) => ('before' in c ? `${c.field}: ${show(c.before)} -> ${show(c.after)}` : `${c.field}: ${show(c.after)}`));
  const details = Object.keys(entry.details).length ? [JSON.stringify(entry.details)] : [];
  return [entry.time, entry.type, entry.stream, `by ${actor}`, `request ${entry.request_id}`, ...changes, ...details].join('  ');
}
