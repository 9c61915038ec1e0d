import type { Agent } from '../store/agents';
import { getConversation } from '../store/conversations';
import { insertMessage } from '../store/messages';
import { enqueueOutbound } from '../store/outbox';
import { recordFirstResponse, setTurn } from '../store/ticketFlow';
import { recordTicketEvent } from '../store/tickets';
import { assertHolder, loadOpenTicket, type DeskContext } from './context';
import { DeskError } from './errors';

/** Longest agent reply, in characters: a chat message, not a document. */
export const MAX_REPLY_CHARS = 4000;

/**
 * An agent's answer to the player: stored and put in the outbox in one transaction, then sent by the
 * outbox worker through the player's own channel (with retries), so a reply is never lost, even while the
 * channel is down. Only the agent holding the ticket may answer.
 */
export function replyToTicket(ctx: DeskContext, ticketId: number, agent: Agent, text: string): { messageId: number } {
  const { db } = ctx;
  const at = ctx.now();
  const { messageId, conversationId, playerId, channel } = db.transaction(() => {
    const ticket = loadOpenTicket(db, ticketId);
    assertHolder(ticket, agent, false);
    const conversation = getConversation(db, ticket.conversationId);
    if (!conversation) throw new DeskError(409, 'no_conversation', `ticket ${ticketId} has no conversation to answer in`);
    const { address } = conversation;
    const id = insertMessage(db, {
      conversationId: conversation.id,
      direction: 'out',
      sender: 'agent',
      agentId: agent.id,
      channel: address.channel,
      account: address.account,
      kind: 'text',
      text,
      createdAt: at,
    });
    enqueueOutbound(db, { messageId: id, address, status: 'pending', at });
    recordFirstResponse(db, ticketId, at);
    setTurn(db, ticketId, 'waiting_player', at);
    recordTicketEvent(db, { ticketId, agentId: agent.id, kind: 'replied', data: { messageId: id }, at });
    return { messageId: id, conversationId: conversation.id, playerId: ticket.playerId, channel: address.channel };
  }).immediate();
  ctx.events.emit('message', { conversationId, playerId, messageId, direction: 'out', ticketId, channel });
  ctx.events.emit('ticket', { ticketId, kind: 'replied' });
  ctx.events.emit('queued');
  return { messageId };
}
