import type { Db } from './db';
import { TICKET_COLUMNS, type Ticket, type Tier } from './tickets';

// Ticket state changes for the desk. Each is one UPDATE with its precondition in the WHERE clause, so two
// agents acting at once cannot both succeed: the caller checks `changes` (or the returned boolean).

/** queued → assigned to this agent; false when the ticket was no longer queued (someone else won). */
export function claimQueued(db: Db, id: number, agentId: number, at: number): boolean {
  return (
    db.prepare(`UPDATE tickets SET status = 'assigned', agent_id = ?, updated_at = ? WHERE id = ? AND status = 'queued'`).run(agentId, at, id)
      .changes === 1
  );
}

/** An open ticket handed to one agent (transfer, auto-assignment). */
export function assignTo(db: Db, id: number, agentId: number, at: number): boolean {
  return (
    db
      .prepare(
        `UPDATE tickets SET status = 'assigned', agent_id = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'assigned', 'waiting_player')`,
      )
      .run(agentId, at, id).changes === 1
  );
}

/** Back to a tier's queue, held by nobody (transfer to a tier). */
export function requeue(db: Db, id: number, tier: Tier, at: number): boolean {
  return (
    db
      .prepare(
        `UPDATE tickets SET status = 'queued', tier = ?, agent_id = NULL, updated_at = ? WHERE id = ? AND status IN ('queued', 'assigned', 'waiting_player')`,
      )
      .run(tier, at, id).changes === 1
  );
}

/** assigned ⇄ waiting_player: whose turn it is. */
export function setTurn(db: Db, id: number, status: 'assigned' | 'waiting_player', at: number): void {
  db.prepare(`UPDATE tickets SET status = ?, updated_at = ? WHERE id = ? AND status IN ('assigned', 'waiting_player')`).run(status, at, id);
}

/** The first agent reply, kept for SLA reports; later replies leave it as it is. */
export function recordFirstResponse(db: Db, id: number, at: number): void {
  db.prepare('UPDATE tickets SET first_response_at = COALESCE(first_response_at, ?) WHERE id = ?').run(at, id);
}

export function markResolved(db: Db, id: number, at: number): boolean {
  return (
    db
      .prepare(`UPDATE tickets SET status = 'resolved', resolved_at = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'assigned', 'waiting_player')`)
      .run(at, at, id).changes === 1
  );
}

/** A resolved ticket the player wrote to again: back to its agent, or to the queue. */
export function reopen(db: Db, id: number, agentId: number | null, at: number): boolean {
  return (
    db
      .prepare(
        `UPDATE tickets SET status = CASE WHEN ? IS NULL THEN 'queued' ELSE 'assigned' END, agent_id = ?, resolved_at = NULL,
           rating = NULL, updated_at = ? WHERE id = ? AND status = 'resolved'`,
      )
      .run(agentId, agentId, at, id).changes === 1
  );
}

/** Resolved tickets past the reopen window become closed. */
export function closeResolvedBefore(db: Db, before: number, at: number): number[] {
  const ids = (db.prepare(`SELECT id FROM tickets WHERE status = 'resolved' AND resolved_at <= ?`).all(before) as { id: number }[]).map((r) => r.id);
  const close = db.prepare(`UPDATE tickets SET status = 'closed', closed_at = ?, updated_at = ? WHERE id = ? AND status = 'resolved'`);
  for (const id of ids) close.run(at, at, id);
  return ids;
}

// Built once, not at each call (see FIND_INBOUND in messages.ts): a returning player's every message reads it.
const LATEST = `SELECT ${TICKET_COLUMNS} FROM tickets WHERE conversation_id = ? ORDER BY id DESC LIMIT 1`;

/** The conversation's newest ticket, whatever its status. */
export function latestTicket(db: Db, conversationId: number): Ticket | undefined {
  return db.prepare(LATEST).get(conversationId) as
    | Ticket
    | undefined;
}

/** Open tickets still without a first response after their deadline, not yet flagged. */
export function overdueFirstResponses(db: Db, now: number): Ticket[] {
  return db
    .prepare(
      `SELECT ${TICKET_COLUMNS} FROM tickets WHERE first_response_at IS NULL AND first_response_due_at < ?
         AND sla_breached_at IS NULL AND status IN ('queued', 'assigned')`,
    )
    .all(now) as Ticket[];
}

/** Flags a breach once and moves the ticket up its queue. */
export function flagBreach(db: Db, id: number, priorityBoost: number, at: number): boolean {
  return (
    db
      .prepare('UPDATE tickets SET sla_breached_at = ?, priority = priority + ?, updated_at = ? WHERE id = ? AND sla_breached_at IS NULL')
      .run(at, priorityBoost, at, id).changes === 1
  );
}

/** The next queued ticket of a tier: highest priority, then longest waiting (the tickets_queue index). */
export function nextQueued(db: Db, tiers: readonly Tier[]): Ticket | undefined {
  return db
    .prepare(
      `SELECT ${TICKET_COLUMNS} FROM tickets WHERE status = 'queued' AND tier IN (SELECT value FROM json_each(?))
       ORDER BY priority DESC, queued_at, id LIMIT 1`,
    )
    .get(JSON.stringify(tiers)) as Ticket | undefined;
}
