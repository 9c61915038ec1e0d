import type { Db } from './db';

export type SuggestionStatus = 'pending' | 'accepted' | 'rejected';

/** An agent's word on a question the bot could not answer: the entry it belongs to, or a new one. */
export interface FaqSuggestion {
  id: number;
  ticketId: number | null;
  messageId: number | null;
  question: string;
  entryId: string | null;
  answer: string | null;
  agentId: number | null;
  agentName: string | null;
  status: SuggestionStatus;
  writtenTo: string | null;
  reviewedBy: string | null;
  reviewedAt: number | null;
  createdAt: number;
}

const SELECT = `SELECT s.id, s.ticket_id AS ticketId, s.message_id AS messageId, s.question, s.entry_id AS entryId, s.answer,
  s.agent_id AS agentId, a.display_name AS agentName, s.status, s.written_to AS writtenTo, s.reviewed_by AS reviewedBy,
  s.reviewed_at AS reviewedAt, s.created_at AS createdAt
  FROM faq_suggestions s LEFT JOIN agents a ON a.id = s.agent_id`;

/** Records a pick; a second pick for the same question of the same ticket replaces the first while pending. */
export function suggest(
  db: Db,
  s: { ticketId: number | null; messageId: number | null; question: string; entryId: string | null; answer: string | null; agentId: number | null; at: number },
): FaqSuggestion {
  const id = db
    .prepare(
      `INSERT INTO faq_suggestions (ticket_id, message_id, question, entry_id, answer, agent_id, created_at)
       VALUES (@ticketId, @messageId, @question, @entryId, @answer, @agentId, @at)
       ON CONFLICT (ticket_id, question) WHERE status = 'pending'
       DO UPDATE SET entry_id = excluded.entry_id, answer = excluded.answer, agent_id = excluded.agent_id, created_at = excluded.created_at
       RETURNING id`,
    )
    .get(s) as { id: number };
  return getSuggestion(db, id.id)!;
}

export function getSuggestion(db: Db, id: number): FaqSuggestion | undefined {
  return db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as FaqSuggestion | undefined;
}

export function listSuggestions(db: Db, status: SuggestionStatus | 'all' = 'pending', limit = 200): FaqSuggestion[] {
  return db
    .prepare(`${SELECT} WHERE (@status = 'all' OR s.status = @status) ORDER BY s.id DESC LIMIT @limit`)
    .all({ status, limit }) as FaqSuggestion[];
}

/** Marks a pending suggestion reviewed; false when it was not pending (someone else reviewed it first). */
export function reviewSuggestion(db: Db, id: number, r: { status: 'accepted' | 'rejected'; by: string; at: number; writtenTo?: string; entryId?: string }): boolean {
  return (
    db
      .prepare(
        `UPDATE faq_suggestions SET status = @status, reviewed_by = @by, reviewed_at = @at, written_to = @writtenTo,
           entry_id = COALESCE(@entryId, entry_id) WHERE id = @id AND status = 'pending'`,
      )
      .run({ id, ...r, writtenTo: r.writtenTo ?? null, entryId: r.entryId ?? null }).changes > 0
  );
}

/** Forgets the gaps a learned question answers (keyed by the matcher's normalised text). */
export function clearGap(db: Db, normalized: string): void {
  db.prepare('DELETE FROM faq_gaps WHERE normalized = ?').run(normalized);
}
