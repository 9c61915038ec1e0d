import type { Agent } from '../store/agents';
import { insertMessage } from '../store/messages';
import type { Db } from '../store/db';
import { recordTicketEvent, type Ticket } from '../store/tickets';
import { getConversation } from '../store/conversations';
import { loadTicket, type DeskContext } from './context';

/** Stores an internal note in the ticket's conversation: agents see it, the player never does. */
export function storeNote(db: Db, ticket: Ticket, agent: Agent, text: string, at: number): number {
  const conversation = getConversation(db, ticket.conversationId);
  return insertMessage(db, {
    conversationId: ticket.conversationId,
    direction: 'out',
    sender: 'agent',
    agentId: agent.id,
    channel: conversation?.address.channel ?? 'webchat',
    account: conversation?.address.account ?? '',
    kind: 'text',
    text,
    internal: true,
    createdAt: at,
  });
}

/** Any agent may leave a note on any ticket, open or not (a handover, a spot check's remark). */
export function addNote(ctx: DeskContext, ticketId: number, agent: Agent, text: string): { messageId: number } {
  const at = ctx.now();
  const messageId = ctx.db.transaction(() => {
    const ticket = loadTicket(ctx.db, ticketId);
    const id = storeNote(ctx.db, ticket, agent, text, at);
    recordTicketEvent(ctx.db, { ticketId, agentId: agent.id, kind: 'noted', data: { messageId: id }, at });
    return id;
  })();
  ctx.events.emit('ticket', { ticketId, kind: 'noted' });
  return { messageId };
}
