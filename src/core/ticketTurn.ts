import { afterHours, standing } from '../desk/queue';
import { setTurn } from '../store/ticketFlow';
import { getTicket, recordTicketEvent } from '../store/tickets';
import type { PipelineDeps, Turn } from './turn';

/**
 * The player writes while people hold the conversation: the message joins the ticket (it is already stored).
 * While queued the bot tells them where they stand; once an agent has it, the bot stays quiet.
 * Returns false when the ticket is no longer open, so the bot answers instead.
 */
export function ticketTurn(turn: Turn, deps: PipelineDeps): boolean {
  const ticketId = turn.conversation.ticketId;
  const ticket = ticketId ? getTicket(deps.db, ticketId) : undefined;
  turn.decision = { kind: 'ticket' };
  if (!ticket || ticket.status === 'resolved' || ticket.status === 'closed') {
    // The desk closed it without telling the conversation: the bot takes over again.
    turn.conversation.state = 'bot';
    turn.conversation.ticketId = null;
    return false;
  }
  recordTicketEvent(deps.db, { ticketId: ticket.id, kind: 'player_wrote', data: { messageId: turn.inboundId }, at: turn.at });
  turn.ticketEvents.push({ ticketId: ticket.id, kind: 'player_wrote' });
  // The player answered the agent: the ticket is the agent's turn again.
  if (ticket.status === 'waiting_player') setTurn(deps.db, ticket.id, 'assigned', turn.at);
  if (ticket.status === 'queued') {
    const closed = afterHours(deps.desk, turn.at);
    if (closed) turn.say('queuedAfterHours', { ticketId: ticket.id, ...closed });
    else turn.say('stillQueued', { ticketId: ticket.id, ahead: standing(deps.db, ticket, deps.desk.minutesPerTicket).ahead });
  }
  return true;
}
