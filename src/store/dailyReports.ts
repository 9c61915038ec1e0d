import type { Db } from './db';

/** Stores (or replaces) a day's report; a replaced report keeps its pushed_at, so it is not pushed again. */
export function saveDailyReport(db: Db, date: string, body: object, at: number): void {
  db.prepare(
    `INSERT INTO daily_reports (date, body, created_at) VALUES (?, ?, ?)
     ON CONFLICT (date) DO UPDATE SET body = excluded.body, created_at = excluded.created_at`,
  ).run(date, JSON.stringify(body), at);
}

export function storedDailyReport(db: Db, date: string): { body: unknown; createdAt: number; pushedAt: number | null } | undefined {
  const row = db.prepare('SELECT body, created_at AS createdAt, pushed_at AS pushedAt FROM daily_reports WHERE date = ?').get(date) as
    | { body: string; createdAt: number; pushedAt: number | null }
    | undefined;
  return row && { ...row, body: JSON.parse(row.body) };
}

/** Claims the push of a day's summary; false when it was already pushed (or claimed). */
export function claimPush(db: Db, date: string, at: number): boolean {
  return db.prepare('UPDATE daily_reports SET pushed_at = ? WHERE date = ? AND pushed_at IS NULL').run(at, date).changes === 1;
}

/** A failed push is released so the next run tries again. */
export function releasePush(db: Db, date: string): void {
  db.prepare('UPDATE daily_reports SET pushed_at = NULL WHERE date = ?').run(date);
}
