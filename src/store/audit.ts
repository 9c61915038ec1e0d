import type { Db } from './db';

export interface AuditEvent {
  id: number;
  kind: string;
  actor: string;
  playerIds: number[];
  detail: Record<string, unknown>;
  createdAt: number;
}

/** Records who exported or erased a player's data (migrations/065_privacy.sql). */
export function recordAudit(
  db: Db,
  e: { kind: string; actor: string; playerIds?: number[]; detail?: object; at: number },
): number {
  return db
    .prepare('INSERT INTO audit_events (kind, actor, player_ids, detail, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(e.kind, e.actor, JSON.stringify(e.playerIds ?? []), JSON.stringify(e.detail ?? {}), e.at).lastInsertRowid as number;
}

/** The newest audit events first. */
export function listAudit(db: Db, limit = 100): AuditEvent[] {
  const rows = db
    .prepare('SELECT id, kind, actor, player_ids AS playerIds, detail, created_at AS createdAt FROM audit_events ORDER BY id DESC LIMIT ?')
    .all(limit) as (Omit<AuditEvent, 'playerIds' | 'detail'> & { playerIds: string; detail: string })[];
  return rows.map((r) => ({ ...r, playerIds: JSON.parse(r.playerIds), detail: JSON.parse(r.detail) }));
}
