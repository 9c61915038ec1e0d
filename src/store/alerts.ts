import type { Db } from './db';

export interface Alert {
  id: number;
  kind: string;
  text: string;
  data: Record<string, unknown>;
  createdAt: number;
  seenAt: number | null;
}

export function insertAlert(db: Db, a: { kind: string; text: string; data?: object; at: number }): number {
  return db
    .prepare('INSERT INTO alerts (kind, text, data, created_at) VALUES (?, ?, ?, ?)')
    .run(a.kind, a.text, JSON.stringify(a.data ?? {}), a.at).lastInsertRowid as number;
}

export function listAlerts(db: Db, f: { unseen?: boolean; limit?: number } = {}): Alert[] {
  return (
    db
      .prepare(
        `SELECT id, kind, text, data, created_at AS createdAt, seen_at AS seenAt FROM alerts
         ${f.unseen ? 'WHERE seen_at IS NULL' : ''} ORDER BY id DESC LIMIT ?`,
      )
      .all(f.limit ?? 100) as (Omit<Alert, 'data'> & { data: string })[]
  ).map((r) => ({ ...r, data: JSON.parse(r.data) }));
}

export function markAlertSeen(db: Db, id: number, agentId: number, at: number): boolean {
  return db.prepare('UPDATE alerts SET seen_by = ?, seen_at = ? WHERE id = ? AND seen_at IS NULL').run(agentId, at, id).changes > 0;
}
