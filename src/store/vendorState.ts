import type { Db } from './db';

/**
 * Channel adapters' durable key-value state: vendor access tokens (with their expiry) and sync cursors.
 * Survives a restart, so a token is fetched once and a cursor never replays what was already pulled.
 */
export interface VendorValue {
  value: string;
  expiresAt: number | null;
}

/** The value under `key`, or undefined when absent or expired at `now`. */
export function readVendorState(db: Db, key: string, now: number): VendorValue | undefined {
  const row = db.prepare('SELECT value, expires_at AS expiresAt FROM vendor_state WHERE key = ?').get(key) as VendorValue | undefined;
  if (!row || (row.expiresAt !== null && row.expiresAt <= now)) return undefined;
  return row;
}

export function writeVendorState(db: Db, key: string, value: string, at: number, expiresAt: number | null = null): void {
  db.prepare(
    `INSERT INTO vendor_state (key, value, expires_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
  ).run(key, value, expiresAt, at);
}

export function deleteVendorState(db: Db, key: string): void {
  db.prepare('DELETE FROM vendor_state WHERE key = ?').run(key);
}
