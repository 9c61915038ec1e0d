import { getAgent, type Agent } from '../store/agents';
import { assignTo, requeue } from '../store/ticketFlow';
import { recordTicketEvent, type Ticket, type Tier } from '../store/tickets';
import { assertHolder, loadOpenTicket, loadTicket, updateConversation, type DeskContext } from './context';
import { DeskError } from './errors';
import { storeNote } from './note';

export type TransferTarget = { agentId: number } | { tier: Tier };

/**
 * Hands an open ticket to another agent (it stays assigned) or to a tier's queue (anyone there may claim
 * it). The holder or a supervisor may transfer; the note travels with the ticket as an internal note.
 */
export function transferTicket(ctx: DeskContext, ticketId: number, agent: Agent, to: TransferTarget, note?: string): Ticket {
  const { db } = ctx;
  const at = ctx.now();
  const ticket = db.transaction(() => {
    const current = loadOpenTicket(db, ticketId);
    assertHolder(current, agent, true);
    let target: string;
    if ('agentId' in to) {
      const receiver = getAgent(db, to.agentId);
      if (!receiver || !receiver.active) throw new DeskError(404, 'agent_not_found', `agent ${to.agentId} does not exist or is inactive`);
      assignTo(db, ticketId, receiver.id, at);
      updateConversation(db, current, at, (c) => (c.state = 'with_agent'));
      target = receiver.displayName;
    } else {
      requeue(db, ticketId, to.tier, at);
      updateConversation(db, current, at, (c) => (c.state = 'queued'));
      target = to.tier;
    }
    const noteId = storeNote(db, current, agent, `→ ${target}${note ? `：${note}` : ''}`, at);
    recordTicketEvent(db, { ticketId, agentId: agent.id, kind: 'transferred', data: { from: current.agentId, ...to, note, noteId }, at });
    return loadTicket(db, ticketId);
  }).immediate();
  ctx.events.emit('ticket', { ticketId, kind: 'transferred' });
  return ticket;
}
