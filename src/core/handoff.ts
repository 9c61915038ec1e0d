import { afterHours, enqueueTicket, standing } from './queue';
import type { TicketReason } from '../store/tickets';
import type { PipelineDeps, Turn } from './turn';

/** Puts the conversation in the human queue and tells the player where they stand. */
export function handOff(turn: Turn, deps: PipelineDeps, reason: TicketReason, summary?: string): number {
  const ticket = enqueueTicket(deps.db, {
    conversation: turn.conversation,
    player: turn.player,
    reason,
    summary: summary ?? turn.msg.text.slice(0, 200),
    at: turn.at,
    policy: deps.desk,
  });
  turn.conversation.state = 'queued';
  turn.conversation.ticketId = ticket.id;
  turn.newTicket = { id: ticket.id, tier: ticket.tier };
  turn.conversation.context = {};
  turn.conversation.misses = 0;
  const closed = afterHours(deps.desk, turn.at);
  if (closed) {
    turn.say('queuedAfterHours', { ticketId: ticket.id, ...closed });
  } else if (reason !== 'complaint') {
    const { ahead, waitMinutes } = standing(deps.db, ticket, deps.desk.minutesPerTicket);
    turn.say('queued', { ticketId: ticket.id, ahead, wait: waitMinutes });
  }
  return ticket.id;
}
