import type { Db } from './db';

export type FollowupOutcome = 'satisfied' | 'unsatisfied' | 'unreachable';
export type FollowupContact = 'channel' | 'phone' | 'other';

export interface Followup {
  id: number;
  kind: 'complaint' | 'vip' | 'bug';
  complaintId: number | null;
  bugReportId: number | null;
  ticketId: number | null;
  playerId: number;
  nickname: string | null;
  channel: string;
  category: string | null;
  dueAt: number;
  status: 'open' | 'contacted' | 'done';
  contact: FollowupContact | null;
  messageId: number | null;
  outcome: FollowupOutcome | null;
  note: string | null;
  agentId: number | null;
  agentName: string | null;
  doneAt: number | null;
  createdAt: number;
}

const COLUMNS = `f.id, f.kind, f.complaint_id AS complaintId, f.bug_report_id AS bugReportId, f.ticket_id AS ticketId,
  f.player_id AS playerId, p.nickname, p.channel, c.category, f.due_at AS dueAt, f.status, f.contact, f.message_id AS messageId,
  f.outcome, f.note, f.agent_id AS agentId, a.display_name AS agentName, f.done_at AS doneAt, f.created_at AS createdAt`;
const FROM = `followups f JOIN players p ON p.id = f.player_id LEFT JOIN complaints c ON c.id = f.complaint_id
  LEFT JOIN agents a ON a.id = f.agent_id`;

export function insertFollowup(
  db: Db,
  f: { kind: Followup['kind']; complaintId?: number; bugReportId?: number; ticketId?: number; playerId: number; dueAt: number; at: number },
): number | null {
  const r = db
    .prepare(
      `INSERT OR IGNORE INTO followups (kind, complaint_id, bug_report_id, ticket_id, player_id, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(f.kind, f.complaintId ?? null, f.bugReportId ?? null, f.ticketId ?? null, f.playerId, f.dueAt, f.at);
  return r.changes ? (r.lastInsertRowid as number) : null;
}

/** Open follow-ups due before `before` (overdue ones included), soonest first; all of them without `before`. */
export function listFollowups(db: Db, f: { before?: number; status?: string } = {}): Followup[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.status === 'pending' || f.before !== undefined) where.push(`f.status != 'done'`);
  else if (f.status) {
    where.push('f.status = ?');
    args.push(f.status);
  }
  if (f.before !== undefined) {
    where.push('f.due_at <= ?');
    args.push(f.before);
  }
  return db
    .prepare(`SELECT ${COLUMNS} FROM ${FROM} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY f.due_at, f.id LIMIT 1000`)
    .all(...args) as Followup[];
}

export function getFollowup(db: Db, id: number): Followup | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE f.id = ?`).get(id) as Followup | undefined;
}

export function markContacted(db: Db, id: number, c: { agentId: number; messageId: number }): void {
  db.prepare(`UPDATE followups SET status = 'contacted', contact = 'channel', message_id = ?, agent_id = ? WHERE id = ?`).run(
    c.messageId,
    c.agentId,
    id,
  );
}

export function completeFollowup(
  db: Db,
  id: number,
  c: { agentId: number | null; outcome: FollowupOutcome; contact: FollowupContact; note?: string; at: number },
): void {
  db.prepare(`UPDATE followups SET status = 'done', outcome = ?, contact = ?, note = ?, agent_id = COALESCE(?, agent_id), done_at = ? WHERE id = ?`).run(
    c.outcome,
    c.contact,
    c.note ?? null,
    c.agentId,
    c.at,
    id,
  );
}

/** Overdue and not yet reported to supervisors; each is marked so it is reported once. */
export function takeOverdue(db: Db, now: number): Followup[] {
  return db.transaction(() => {
    const rows = db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE f.status != 'done' AND f.due_at < ? AND f.overdue_alerted_at IS NULL`).all(now) as Followup[];
    const mark = db.prepare('UPDATE followups SET overdue_alerted_at = ? WHERE id = ?');
    for (const r of rows) mark.run(now, r.id);
    return rows;
  })();
}
