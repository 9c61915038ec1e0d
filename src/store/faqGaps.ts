import type { Db } from './db';

export interface FaqGap {
  normalized: string;
  sample: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
}

/** Counts one unanswered question under its normalised form. */
export function recordGap(db: Db, normalized: string, sample: string, at: number): void {
  if (!normalized) return;
  db.prepare(
    `INSERT INTO faq_gaps (normalized, sample, count, first_seen, last_seen) VALUES (?, ?, 1, ?, ?)
     ON CONFLICT (normalized) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen`,
  ).run(normalized, sample.slice(0, 500), at, at);
}

/** The most frequent unanswered questions, most asked first. */
export function topGaps(db: Db, limit = 20): FaqGap[] {
  return db
    .prepare(
      `SELECT normalized, sample, count, first_seen AS firstSeen, last_seen AS lastSeen FROM faq_gaps
       ORDER BY count DESC, last_seen DESC LIMIT ?`,
    )
    .all(limit) as FaqGap[];
}
