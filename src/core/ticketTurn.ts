import { afterHours, standing } from './queue';
import { setTurn } from '../store/ticketFlow';
import { getTicket, recordTicketEvent, type Ticket } from '../store/tickets';
import { answerInLanguage } from './answerLanguage';
import { startForm } from './forms';
import type { PipelineDeps, Turn } from './turn';

/**
 * The player writes while people hold the conversation: the message joins the ticket (it is already stored).
 * While queued the bot still answers what the FAQ covers (the player keeps their place) and otherwise tells
 * them where they stand; once an agent has it, the bot stays quiet.
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
  if (ticket.status === 'queued' && !answerWhileQueued(turn, deps, ticket)) tellStanding(turn, deps, ticket);
  return true;
}

function tellStanding(turn: Turn, deps: PipelineDeps, ticket: Ticket): void {
  const closed = afterHours(deps.desk, turn.at);
  if (closed) turn.say('queuedAfterHours', { ticketId: ticket.id, ...closed });
  else turn.say('stillQueued', { ticketId: ticket.id, ahead: standing(deps.db, ticket, deps.desk.minutesPerTicket).ahead });
}

/**
 * What the FAQ answers, a queued player gets at once; thanks get their reply, and a greeting its reply with
 * where the ticket stands (a queued player's 你好 or 在吗 is asking whether anyone is coming); a complaint
 * is taken down for this same ticket (one number for one problem). The ticket keeps its place in the queue.
 */
function answerWhileQueued(turn: Turn, deps: PipelineDeps, ticket: Ticket): boolean {
  const text = turn.msg.text.trim();
  if (turn.msg.kind !== 'text' || !text) return false;
  const decision = deps.matcher().decide(text);
  if (decision.kind === 'action' && decision.action === 'complaint') {
    turn.decision = { kind: 'action:complaint', entryId: decision.entry.id };
    startForm(turn, 'complaint');
    return true;
  }
  const polite = decision.kind === 'action' && (decision.action === 'greeting' || decision.action === 'thanks');
  if (decision.kind !== 'answer' && !polite) return false;
  const entry = decision.entry;
  turn.decision = { kind: decision.kind === 'answer' ? 'queued_answer' : `queued_${decision.action}`, entryId: entry.id };
  turn.reply(answerInLanguage(entry, turn.lang, deps.phrases()));
  recordTicketEvent(deps.db, { ticketId: ticket.id, kind: 'bot_answered', data: { messageId: turn.inboundId, entryId: entry.id }, at: turn.at });
  if (decision.kind === 'answer') turn.say('answeredWhileQueued', { ticketId: ticket.id });
  else if (decision.action === 'greeting') tellStanding(turn, deps, ticket);
  return true;
}
