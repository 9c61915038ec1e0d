import type { PipelineDeps, Turn } from './turn';
import { getAgent } from '../store/agents';
import { latestTicket, reopen } from '../store/ticketFlow';
import { recordTicketEvent } from '../store/tickets';

/**
 * A player who writes again soon after their ticket was resolved is still on the same problem: the ticket
 * reopens, back to the agent who had it (or to the queue when that agent is gone). Thanks and greetings
 * are only politeness and leave it resolved. Returns true when it reopened.
 */
export function reopenOnReturn(turn: Turn, deps: PipelineDeps): boolean {
  const windowMs = deps.desk.reopenMs ?? 0;
  if (!windowMs) return false;
  const ticket = latestTicket(deps.db, turn.conversation.id);
  if (!ticket || ticket.status !== 'resolved' || !ticket.resolvedAt || turn.at - ticket.resolvedAt > windowMs) return false;
  const decision = turn.msg.text.trim() ? deps.matcher().decide(turn.msg.text) : undefined;
  if (decision?.kind === 'action' && (decision.action === 'thanks' || decision.action === 'greeting')) return false;
  const agent = ticket.agentId ? getAgent(deps.db, ticket.agentId) : undefined;
  const agentId = agent?.active ? agent.id : null;
  if (!reopen(deps.db, ticket.id, agentId, turn.at)) return false;
  recordTicketEvent(deps.db, { ticketId: ticket.id, kind: 'reopened', data: { messageId: turn.inboundId, agentId }, at: turn.at });
  turn.ticketEvents.push({ ticketId: ticket.id, kind: 'reopened' });
  turn.conversation.state = agentId ? 'with_agent' : 'queued';
  turn.conversation.ticketId = ticket.id;
  turn.conversation.context = {};
  turn.conversation.misses = 0;
  turn.decision = { kind: 'reopen' };
  turn.say('ticketReopened', { ticketId: ticket.id });
  return true;
}
