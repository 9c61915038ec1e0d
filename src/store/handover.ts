import type { Db } from './db';

/** One unresolved ticket on a handover sheet (交接表). */
export interface HandoverTicket {
  id: number;
  status: string;
  tier: string;
  agent: string | null;
  agent_name: string | null;
  player: string | null;
  channel: string;
  summary: string | null;
  last_message: string | null;
  last_message_at: number | null;
  notes: string[];
  handover_notes: { agent: string; text: string; at: number }[];
  /** What the next person has to do: claim, first_response, agent_reply, player_reply. */
  pending: 'claim' | 'first_response' | 'agent_reply' | 'player_reply';
  sla_breached: boolean;
}

export interface HandoverSheet {
  id?: number;
  shift: string;
  next_shift?: string;
  ended_at?: number;
  generated_at: number;
  tickets: HandoverTicket[];
}

/** Every unresolved ticket now, oldest first, with what the next shift needs to pick it up. */
export function unresolvedTickets(db: Db): HandoverTicket[] {
  const rows = db
    .prepare(
      `SELECT t.id, t.status, t.tier, t.summary, t.conversation_id AS conversationId, t.first_response_at AS firstResponseAt,
              t.sla_breached_at AS breachedAt, a.username AS agent, a.display_name AS agentName, p.nickname AS player, p.channel,
              m.text AS lastMessage, m.created_at AS lastMessageAt
         FROM tickets t JOIN players p ON p.id = t.player_id LEFT JOIN agents a ON a.id = t.agent_id
         LEFT JOIN messages m ON m.id = (SELECT MAX(id) FROM messages WHERE conversation_id = t.conversation_id AND direction = 'in')
        WHERE t.status IN ('queued', 'assigned', 'waiting_player') ORDER BY t.created_at, t.id`,
    )
    .all() as {
    id: number;
    status: string;
    tier: string;
    summary: string | null;
    conversationId: number;
    firstResponseAt: number | null;
    breachedAt: number | null;
    agent: string | null;
    agentName: string | null;
    player: string | null;
    channel: string;
    lastMessage: string | null;
    lastMessageAt: number | null;
  }[];
  const notes = db.prepare(`SELECT text FROM messages WHERE conversation_id = ? AND internal = 1 AND created_at >= ? ORDER BY id`);
  const created = db.prepare('SELECT created_at AS at FROM tickets WHERE id = ?');
  const handoverNotes = db.prepare(
    `SELECT a.username AS agent, n.text, n.created_at AS at FROM handover_notes n JOIN agents a ON a.id = n.agent_id WHERE n.ticket_id = ? ORDER BY n.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    tier: r.tier,
    agent: r.agent,
    agent_name: r.agentName,
    player: r.player,
    channel: r.channel,
    summary: r.summary,
    last_message: r.lastMessage,
    last_message_at: r.lastMessageAt,
    notes: (notes.all(r.conversationId, (created.get(r.id) as { at: number }).at) as { text: string }[]).map((n) => n.text),
    handover_notes: handoverNotes.all(r.id) as HandoverTicket['handover_notes'],
    pending:
      r.status === 'queued' ? 'claim' : r.status === 'waiting_player' ? 'player_reply' : r.firstResponseAt === null ? 'first_response' : 'agent_reply',
    sla_breached: r.breachedAt !== null,
  }));
}

/** Stores the sheet of a shift that ended; false when that shift's sheet already exists. */
export function insertSheet(db: Db, s: { shift: string; nextShift: string; endedAt: number; tickets: HandoverTicket[]; at: number }): number | undefined {
  const r = db
    .prepare(
      `INSERT INTO handover_sheets (shift, next_shift, ended_at, body, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (shift, ended_at) DO NOTHING`,
    )
    .run(s.shift, s.nextShift, s.endedAt, JSON.stringify(s.tickets), s.at);
  return r.changes === 1 ? (r.lastInsertRowid as number) : undefined;
}

type SheetRow = { id: number; shift: string; next_shift: string; ended_at: number; body: string; created_at: number };
const fromRow = (r: SheetRow): HandoverSheet => ({
  id: r.id,
  shift: r.shift,
  next_shift: r.next_shift,
  ended_at: r.ended_at,
  generated_at: r.created_at,
  tickets: JSON.parse(r.body),
});

/** The newest stored sheet, of one outgoing shift if named. */
export function latestSheet(db: Db, shift?: string): HandoverSheet | undefined {
  const row = db
    .prepare(`SELECT * FROM handover_sheets WHERE (? IS NULL OR shift = ?) ORDER BY ended_at DESC, id DESC LIMIT 1`)
    .get(shift ?? null, shift ?? null) as SheetRow | undefined;
  return row && fromRow(row);
}

export function acknowledge(db: Db, sheetId: number, agentId: number, at: number): void {
  db.prepare('INSERT INTO handover_acks (sheet_id, agent_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(sheetId, agentId, at);
}

export function acks(db: Db, sheetId: number): { username: string; at: number }[] {
  return db
    .prepare('SELECT a.username, k.at FROM handover_acks k JOIN agents a ON a.id = k.agent_id WHERE k.sheet_id = ? ORDER BY k.at')
    .all(sheetId) as { username: string; at: number }[];
}

export function addHandoverNote(db: Db, n: { ticketId: number; agentId: number; text: string; at: number }): void {
  db.prepare('INSERT INTO handover_notes (ticket_id, agent_id, text, created_at) VALUES (?, ?, ?, ?)').run(n.ticketId, n.agentId, n.text, n.at);
}

export function setAgentShift(db: Db, agentId: number, shift: string | null): void {
  if (shift === null) db.prepare('DELETE FROM agent_shifts WHERE agent_id = ?').run(agentId);
  else db.prepare('INSERT INTO agent_shifts (agent_id, shift) VALUES (?, ?) ON CONFLICT (agent_id) DO UPDATE SET shift = excluded.shift').run(agentId, shift);
}

export function agentShift(db: Db, agentId: number): string | undefined {
  return (db.prepare('SELECT shift FROM agent_shifts WHERE agent_id = ?').get(agentId) as { shift: string } | undefined)?.shift;
}

/** Open tickets held by agents bound to another shift than the one on duty (or to none on duty). */
export function ticketsHeldOffShift(db: Db, onDuty: string | null): { id: number; agentId: number; tier: string }[] {
  return db
    .prepare(
      `SELECT t.id, t.agent_id AS agentId, t.tier FROM tickets t JOIN agent_shifts s ON s.agent_id = t.agent_id
        WHERE t.status IN ('assigned', 'waiting_player') AND (? IS NULL OR s.shift != ?)`,
    )
    .all(onDuty, onDuty) as { id: number; agentId: number; tier: string }[];
}
