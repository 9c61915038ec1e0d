import { answerScript, inScript } from '../core/chineseScript';
import { fill } from '../core/phrases';
import type { Agent } from '../store/agents';
import { getConversation, saveConversation } from '../store/conversations';
import { insertMessage } from '../store/messages';
import { enqueueOutbound } from '../store/outbox';
import { getPlayer } from '../store/players';
import { markResolved } from '../store/ticketFlow';
import { recordTicketEvent, type Ticket } from '../store/tickets';
import { assertHolder, loadOpenTicket, loadTicket, type DeskContext } from './context';

/**
 * Closes the agent's work on a ticket: the conversation goes back to the bot, which asks the player for a
 * 1-5 rating (botTurn stores the answer on the ticket via conversation.context.ratingFor).
 */
export function resolveTicket(ctx: DeskContext, ticketId: number, agent: Agent): Ticket {
  const { db } = ctx;
  const at = ctx.now();
  const asked = db.transaction(() => {
    const ticket = loadOpenTicket(db, ticketId);
    assertHolder(ticket, agent, true);
    markResolved(db, ticketId, at);
    recordTicketEvent(db, { ticketId, agentId: agent.id, kind: 'resolved', at });
    const conversation = getConversation(db, ticket.conversationId);
    if (!conversation || conversation.ticketId !== ticketId) return undefined;
    conversation.state = 'bot';
    conversation.ticketId = null;
    conversation.misses = 0;
    conversation.context = { ratingFor: ticketId };
    const player = getPlayer(db, ticket.playerId);
    const lang = player?.language ?? 'zh';
    const messageId = insertMessage(db, {
      conversationId: conversation.id,
      direction: 'out',
      sender: 'system',
      channel: conversation.address.channel,
      account: conversation.address.account,
      kind: 'text',
      text: inScript(fill(ctx.phrases().askRating[lang], { ticketId }), answerScript(lang, player?.chineseScript)),
      createdAt: at,
    });
    enqueueOutbound(db, { messageId, address: conversation.address, status: 'pending', at });
    saveConversation(db, conversation, at);
    return { messageId, conversationId: conversation.id, playerId: ticket.playerId, channel: conversation.address.channel };
  }).immediate();
  if (asked) {
    ctx.events.emit('message', { ...asked, direction: 'out', ticketId });
    ctx.events.emit('queued');
  }
  ctx.events.emit('ticket', { ticketId, kind: 'resolved' });
  return loadTicket(db, ticketId);
}
