import type { KefuEvents } from '../core/events';
import type { Phrases } from '../core/phrases';
import type { Logger } from '../log';
import type { Agent } from '../store/agents';
import { getConversation, saveConversation, type Conversation } from '../store/conversations';
import type { Db } from '../store/db';
import { getTicket, type Ticket } from '../store/tickets';
import { DeskError, notFound } from './errors';
import type { DeskPolicy } from '../core/deskPolicy';

/** What every desk operation needs from the running service. */
export interface DeskContext {
  db: Db;
  events: KefuEvents;
  log: Logger;
  now(): number;
  policy: DeskPolicy;
  phrases(): Phrases;
}

export const OPEN_STATUSES = ['queued', 'assigned', 'waiting_player'] as const;

export const isOpenTicket = (t: Ticket) => (OPEN_STATUSES as readonly string[]).includes(t.status);

/** Supervisors and admins may act on any ticket; agents on the ones they hold. */
export const canManage = (agent: Pick<Agent, 'role'>) => agent.role !== 'agent';

export function loadTicket(db: Db, id: number): Ticket {
  const ticket = getTicket(db, id);
  if (!ticket) throw notFound(id);
  return ticket;
}

/** An open ticket, or the reason it cannot be worked on any more. */
export function loadOpenTicket(db: Db, id: number): Ticket {
  const ticket = loadTicket(db, id);
  if (!isOpenTicket(ticket)) {
    throw new DeskError(409, 'ticket_resolved', `ticket ${id} is ${ticket.status}; it reopens when the player writes again`);
  }
  return ticket;
}

/** The agent must hold the ticket (a supervisor too, when `managersToo` is false: replies speak for the holder). */
export function assertHolder(ticket: Ticket, agent: Agent, managersToo: boolean): void {
  if (ticket.agentId === agent.id || (managersToo && canManage(agent))) return;
  if (ticket.status === 'queued') throw new DeskError(409, 'not_claimed', `ticket ${ticket.id} is in the queue: claim it first`);
  throw new DeskError(409, 'held_by_other', `ticket ${ticket.id} is held by another agent`);
}

/**
 * Moves the ticket's conversation along with the ticket (queued / with an agent / back to the bot), unless
 * the conversation has since moved on to another ticket.
 */
export function updateConversation(db: Db, ticket: Ticket, at: number, change: (c: Conversation) => void): void {
  const conversation = getConversation(db, ticket.conversationId);
  if (!conversation || conversation.ticketId !== ticket.id) return;
  change(conversation);
  saveConversation(db, conversation, at);
}
