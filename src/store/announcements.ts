import type { Db } from './db';

export interface Announcement {
  id: number;
  source: string;
  title: string;
  text: string;
  keywords: string[];
  entries: string[];
  channels: string[];
  startsAt: number;
  endsAt: number | null;
  endedAt: number | null;
  createdBy: number | null;
  createdAt: number;
}

const COLUMNS = `id, source, title, text, keywords, entries, channels, starts_at AS startsAt, ends_at AS endsAt,
  ended_at AS endedAt, created_by AS createdBy, created_at AS createdAt`;
type Row = Omit<Announcement, 'keywords' | 'entries' | 'channels'> & { keywords: string; entries: string; channels: string };
const fromRow = (r: Row): Announcement => ({
  ...r,
  keywords: JSON.parse(r.keywords),
  entries: JSON.parse(r.entries),
  channels: JSON.parse(r.channels),
});

export type NewAnnouncement = Pick<Announcement, 'title' | 'text' | 'keywords' | 'entries' | 'channels' | 'startsAt' | 'endsAt'>;

export function insertAnnouncement(db: Db, a: NewAnnouncement & { createdBy?: number; at: number }): number {
  return db
    .prepare(
      `INSERT INTO announcements (title, text, keywords, entries, channels, starts_at, ends_at, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      a.title,
      a.text,
      JSON.stringify(a.keywords),
      JSON.stringify(a.entries),
      JSON.stringify(a.channels),
      a.startsAt,
      a.endsAt,
      a.createdBy ?? null,
      a.at,
    ).lastInsertRowid as number;
}

// Built once, not at each call (see FIND_INBOUND in messages.ts): every question reads it.
const ACTIVE = `SELECT ${COLUMNS} FROM announcements WHERE ended_at IS NULL AND starts_at <= ? AND (ends_at IS NULL OR ends_at > ?) ORDER BY starts_at DESC, id DESC`;

/** Announcements in force at `now`: started, not past their end time, not ended by hand. */
export function activeAnnouncements(db: Db, now: number): Announcement[] {
  return (
    db
      .prepare(ACTIVE)
      .all(now, now) as Row[]
  ).map(fromRow);
}

/** Active and scheduled ones (not yet ended), for the console. */
export function currentAnnouncements(db: Db, now: number): Announcement[] {
  return (
    db.prepare(`SELECT ${COLUMNS} FROM announcements WHERE ended_at IS NULL AND (ends_at IS NULL OR ends_at > ?) ORDER BY starts_at, id`).all(now) as Row[]
  ).map(fromRow);
}

export function getAnnouncement(db: Db, id: number): Announcement | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM announcements WHERE id = ?`).get(id) as Row | undefined;
  return row && fromRow(row);
}

export function endAnnouncement(db: Db, id: number, at: number): boolean {
  return db.prepare('UPDATE announcements SET ended_at = ? WHERE id = ? AND ended_at IS NULL').run(at, id).changes > 0;
}

export function markPushed(db: Db, id: number, count: number): void {
  db.prepare('UPDATE announcements SET pushed = ? WHERE id = ?').run(count, id);
}

/**
 * Replaces the announcements that come from the FAQ folder's file with its current content: a removed one
 * ends, a changed one is updated in place (same row, keyed by source `file:<id>`).
 */
export function syncFileAnnouncements(db: Db, list: (NewAnnouncement & { fileId: string })[], at: number): void {
  db.transaction(() => {
    const keep = new Set(list.map((a) => `file:${a.fileId}`));
    const existing = db.prepare(`SELECT id, source FROM announcements WHERE source LIKE 'file:%' AND ended_at IS NULL`).all() as { id: number; source: string }[];
    for (const e of existing) if (!keep.has(e.source)) endAnnouncement(db, e.id, at);
    const upsert = db.prepare(
      `INSERT INTO announcements (source, title, text, keywords, entries, channels, starts_at, ends_at, created_at)
       VALUES (@source, @title, @text, @keywords, @entries, @channels, @startsAt, @endsAt, @at)
       ON CONFLICT (source) WHERE source != 'api' DO UPDATE SET title = excluded.title, text = excluded.text,
         keywords = excluded.keywords, entries = excluded.entries, channels = excluded.channels,
         starts_at = excluded.starts_at, ends_at = excluded.ends_at`,
    );
    for (const a of list) {
      upsert.run({
        source: `file:${a.fileId}`,
        title: a.title,
        text: a.text,
        keywords: JSON.stringify(a.keywords),
        entries: JSON.stringify(a.entries),
        channels: JSON.stringify(a.channels),
        startsAt: a.startsAt,
        endsAt: a.endsAt,
        at,
      });
    }
  })();
}

/** Players who wrote since `since`, for pushing an announcement (their latest conversation's address). */
export function recentPlayers(db: Db, since: number): { playerId: number; conversationId: number }[] {
  return db
    .prepare(
      `SELECT p.id AS playerId, (SELECT MAX(c.id) FROM conversations c WHERE c.player_id = p.id) AS conversationId
       FROM players p WHERE p.last_seen_at >= ?`,
    )
    .all(since) as { playerId: number; conversationId: number }[];
}
