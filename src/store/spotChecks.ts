import type { Db } from './db';

export interface SpotCheck {
  id: number;
  day: string;
  agentId: number;
  agent: string;
  ticketId: number;
  conversationId: number;
  drawnAt: number;
  scoredBy: string | null;
  scoredAt: number | null;
  scores: Record<string, number> | null;
  score: number | null;
  comment: string | null;
}

/** Tickets an agent resolved in [from, to) whose conversation has never been drawn, oldest first. */
export function drawCandidates(db: Db, from: number, to: number): { agentId: number; ticketId: number; conversationId: number }[] {
  return db
    .prepare(
      `SELECT e.agent_id AS agentId, t.id AS ticketId, t.conversation_id AS conversationId
         FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
        WHERE e.kind = 'resolved' AND e.created_at >= ? AND e.created_at < ? AND e.agent_id IS NOT NULL
          AND t.conversation_id NOT IN (SELECT conversation_id FROM spot_checks)
        GROUP BY t.conversation_id ORDER BY t.id`,
    )
    .all(from, to) as { agentId: number; ticketId: number; conversationId: number }[];
}

export function drawnCount(db: Db, agentId: number, day: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM spot_checks WHERE agent_id = ? AND day = ?').get(agentId, day) as { n: number }).n;
}

/** Records a draw; false when the conversation was drawn already (the UNIQUE key keeps it once). */
export function insertSpotCheck(db: Db, c: { day: string; agentId: number; ticketId: number; conversationId: number; at: number }): boolean {
  return (
    db
      .prepare(
        'INSERT INTO spot_checks (day, agent_id, ticket_id, conversation_id, drawn_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (conversation_id) DO NOTHING',
      )
      .run(c.day, c.agentId, c.ticketId, c.conversationId, c.at).changes === 1
  );
}

const SELECT = `SELECT c.id, c.day, c.agent_id AS agentId, a.username AS agent, c.ticket_id AS ticketId, c.conversation_id AS conversationId,
    c.drawn_at AS drawnAt, s.username AS scoredBy, c.scored_at AS scoredAt, c.scores, c.score, c.comment
  FROM spot_checks c JOIN agents a ON a.id = c.agent_id LEFT JOIN agents s ON s.id = c.scored_by`;
type Row = Omit<SpotCheck, 'scores'> & { scores: string | null };
const fromRow = (r: Row): SpotCheck => ({ ...r, scores: r.scores ? JSON.parse(r.scores) : null });

export function listSpotChecks(db: Db, filter: { day?: string; agentId?: number }): SpotCheck[] {
  return (
    db
      .prepare(`${SELECT} WHERE (@day IS NULL OR c.day = @day) AND (@agentId IS NULL OR c.agent_id = @agentId) ORDER BY c.day DESC, c.id LIMIT 500`)
      .all({ day: filter.day ?? null, agentId: filter.agentId ?? null }) as Row[]
  ).map(fromRow);
}

export function getSpotCheck(db: Db, id: number): SpotCheck | undefined {
  const row = db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as Row | undefined;
  return row && fromRow(row);
}

export function saveScore(db: Db, id: number, s: { by: number; scores: Record<string, number>; score: number; comment: string | null; at: number }): void {
  db.prepare('UPDATE spot_checks SET scored_by = ?, scores = ?, score = ?, comment = ?, scored_at = ? WHERE id = ?').run(
    s.by,
    JSON.stringify(s.scores),
    s.score,
    s.comment,
    s.at,
    id,
  );
}
