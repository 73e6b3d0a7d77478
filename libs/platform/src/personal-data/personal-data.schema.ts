/**
 * One key per data subject (an account), kept outside the event log. Deleting the row is the
 * erasure: every copy of the subject's personal data in the log, in backups of the log and in
 * replays becomes unreadable at once (crypto-shredding). Nothing else may hold a copy of the key.
 */
export const PERSONAL_DATA_KEYS_DDL = `CREATE TABLE IF NOT EXISTS personal_data_keys (
  subject_id text PRIMARY KEY,
  key bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`;
