import type { Db } from './db';

export type TicketStatus = 'queued' | 'assigned' | 'waiting_player' | 'resolved' | 'closed';
export type Tier = 'L1' | 'L2' | 'VIP';
export type TicketReason = 'requested' | 'unanswered' | 'complaint' | 'bug_report';

export interface Ticket {
  id: number;
  conversationId: number;
  playerId: number;
  status: TicketStatus;
  tier: Tier;
  priority: number;
  reason: TicketReason;
  summary: string | null;
  agentId: number | null;
  createdAt: number;
  queuedAt: number;
  firstResponseDueAt: number | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  rating: number | null;
  updatedAt: number;
}

export const TICKET_COLUMNS = `id, conversation_id AS conversationId, player_id AS playerId, status, tier, priority,
  reason, summary, agent_id AS agentId, created_at AS createdAt, queued_at AS queuedAt,
  first_response_due_at AS firstResponseDueAt, first_response_at AS firstResponseAt, resolved_at AS resolvedAt,
  closed_at AS closedAt, rating, updated_at AS updatedAt`;

export function createTicket(
  db: Db,
  t: { conversationId: number; playerId: number; reason: TicketReason; tier: Tier; priority: number; summary?: string; at: number; firstResponseDueAt: number },
): Ticket {
  const id = db
    .prepare(
      `INSERT INTO tickets (conversation_id, player_id, status, tier, priority, reason, summary, created_at, queued_at,
         first_response_due_at, updated_at)
       VALUES (@conversationId, @playerId, 'queued', @tier, @priority, @reason, @summary, @at, @at, @firstResponseDueAt, @at)`,
    )
    .run({ ...t, summary: t.summary ?? null }).lastInsertRowid as number;
  recordTicketEvent(db, { ticketId: id, kind: 'created', data: { reason: t.reason, tier: t.tier }, at: t.at });
  return getTicket(db, id)!;
}

export function getTicket(db: Db, id: number): Ticket | undefined {
  return db.prepare(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = ?`).get(id) as Ticket | undefined;
}

/** 1-based place in the ticket's tier queue: higher priority first, then who has waited longest. */
export function queuePosition(db: Db, ticket: Pick<Ticket, 'id' | 'tier' | 'priority' | 'queuedAt'>): number {
  const { ahead } = db
    .prepare(
      `SELECT COUNT(*) AS ahead FROM tickets WHERE status = 'queued' AND tier = ? AND id != ?
         AND (priority > ? OR (priority = ? AND queued_at < ?) OR (priority = ? AND queued_at = ? AND id < ?))`,
    )
    .get(ticket.tier, ticket.id, ticket.priority, ticket.priority, ticket.queuedAt, ticket.priority, ticket.queuedAt, ticket.id) as {
    ahead: number;
  };
  return ahead + 1;
}

export function recordTicketEvent(
  db: Db,
  e: { ticketId: number; agentId?: number | null; kind: string; data?: Record<string, unknown>; at: number },
): void {
  db.prepare('INSERT INTO ticket_events (ticket_id, agent_id, kind, data, created_at) VALUES (?, ?, ?, ?, ?)').run(
    e.ticketId,
    e.agentId ?? null,
    e.kind,
    JSON.stringify(e.data ?? {}),
    e.at,
  );
}

export interface TicketEvent {
  id: number;
  ticketId: number;
  agentId: number | null;
  kind: string;
  data: Record<string, unknown>;
  createdAt: number;
}

export function ticketEvents(db: Db, ticketId: number): TicketEvent[] {
  const rows = db
    .prepare(
      `SELECT id, ticket_id AS ticketId, agent_id AS agentId, kind, data, created_at AS createdAt
       FROM ticket_events WHERE ticket_id = ? ORDER BY id`,
    )
    .all(ticketId) as (Omit<TicketEvent, 'data'> & { data: string })[];
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) }));
}

export function listTickets(db: Db, filter: { status?: TicketStatus; tier?: Tier } = {}): Ticket[] {
  return db
    .prepare(
      `SELECT ${TICKET_COLUMNS} FROM tickets WHERE (@status IS NULL OR status = @status) AND (@tier IS NULL OR tier = @tier)
       ORDER BY priority DESC, queued_at, id LIMIT 500`,
    )
    .all({ status: filter.status ?? null, tier: filter.tier ?? null }) as Ticket[];
}

/** The player's 1-5 satisfaction rating for a resolved ticket. */
export function rateTicket(db: Db, id: number, rating: number, at: number): boolean {
  const changed = db.prepare('UPDATE tickets SET rating = ?, updated_at = ? WHERE id = ?').run(rating, at, id).changes;
  if (changed) recordTicketEvent(db, { ticketId: id, kind: 'rated', data: { rating }, at });
  return changed > 0;
}
