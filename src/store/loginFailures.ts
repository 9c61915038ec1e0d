import type { Db } from './db';

/** Failures of `key` since `since`, and the oldest one's time (when the first of them leaves the window). */
export function recentFailures(db: Db, key: string, since: number): { n: number; oldest: number | null } {
  return db.prepare(`SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failures WHERE key = ? AND at > ?`).get(key, since) as {
    n: number;
    oldest: number | null;
  };
}

export function recordFailure(db: Db, key: string, at: number): number {
  return db.prepare(`INSERT INTO login_failures (key, at) VALUES (?, ?)`).run(key, at).lastInsertRowid as number;
}

export function forgetFailures(db: Db, ids: number[]): void {
  const stmt = db.prepare(`DELETE FROM login_failures WHERE id = ?`);
  for (const id of ids) stmt.run(id);
}

export function forgetKey(db: Db, key: string): void {
  db.prepare(`DELETE FROM login_failures WHERE key = ?`).run(key);
}

export function purgeFailuresBefore(db: Db, before: number): void {
  db.prepare(`DELETE FROM login_failures WHERE at <= ?`).run(before);
}
