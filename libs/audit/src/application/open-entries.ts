import { isEncryptedValue, type EncryptedValue, type PersonalDataVault, type SealedItem } from '@app/platform';
import { ERASED, type AuditEntry } from '../domain';

/** An entry as shown: personal values opened, or "[erased]" once their subject's key is gone. */
export type ShownEntry = Omit<AuditEntry, 'subject_id'>;

/**
 * Opens the sealed values of a batch of entries with one key lookup. Opening happens at showing
 * time, never earlier: whatever was derived or stored before an erasure shows as erased after it.
 */
export async function openEntries(entries: readonly AuditEntry[], vault: PersonalDataVault): Promise<ShownEntry[]> {
  const items: SealedItem[] = [];
  const collect = (subjectId: string | undefined) => (value: unknown) => {
    if (isEncryptedValue(value) && subjectId) items.push({ subjectId, value });
  };
  for (const entry of entries) {
    walk(entry.changes, collect(entry.subject_id));
    walk(entry.details, collect(entry.subject_id));
  }
  const opened = await vault.decryptMany(items);
  const byValue = new Map<EncryptedValue, string | null>(items.map((item, i) => [item.value as EncryptedValue, opened[i]]));
  const show = (value: unknown): unknown => (isEncryptedValue(value) ? (byValue.get(value) ?? ERASED) : undefined);
  return entries.map(({ subject_id: _subject, ...entry }) => ({
    ...entry,
    changes: replace(entry.changes, show) as ShownEntry['changes'],
    details: replace(entry.details, show) as ShownEntry['details'],
  }));
}

function walk(value: unknown, visit: (value: unknown) => void): void {
  visit(value);
  if (typeof value === 'object' && value !== null && !isEncryptedValue(value)) Object.values(value).forEach((inner) => walk(inner, visit));
}

/** A copy with each value `swap` answers for replaced (sealed values: never shown sealed). */
function replace(value: unknown, swap: (value: unknown) => unknown): unknown {
  const swapped = swap(value);
  if (swapped !== undefined) return swapped;
  if (Array.isArray(value)) return value.map((inner) => replace(inner, swap));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replace(inner, swap)]));
}
