import { markAssigned, TIERS, type Agent } from '../store/agents';
import { claimQueued, nextQueued } from '../store/ticketFlow';
import { recordTicketEvent, type Ticket } from '../store/tickets';
import { canManage, loadTicket, updateConversation, type DeskContext } from './context';
import { DeskError } from './errors';

/**
 * Takes a queued ticket. The UPDATE only succeeds while the ticket is still queued, inside an immediate
 * transaction, so of many agents claiming at once exactly one wins; the others get 409.
 */
export function claimTicket(ctx: DeskContext, ticketId: number, agent: Agent): Ticket {
  const { db } = ctx;
  const at = ctx.now();
  const ticket = db.transaction(() => {
    const current = loadTicket(db, ticketId);
    if (current.status !== 'queued') {
      if (current.agentId === agent.id && current.status !== 'resolved' && current.status !== 'closed') return current;
      throw new DeskError(409, 'already_claimed', `ticket ${ticketId} is already ${current.status}`);
    }
    if (!canManage(agent) && current.tier !== agent.tier) {
      throw new DeskError(403, 'wrong_tier', `ticket ${ticketId} is in the ${current.tier} queue; you work ${agent.tier}`);
    }
    if (!claimQueued(db, ticketId, agent.id, at)) throw new DeskError(409, 'already_claimed', `ticket ${ticketId} was just claimed`);
    markAssigned(db, agent.id, at);
    recordTicketEvent(db, { ticketId, agentId: agent.id, kind: 'claimed', at });
    updateConversation(db, current, at, (c) => (c.state = 'with_agent'));
    return loadTicket(db, ticketId);
  }).immediate();
  ctx.events.emit('ticket', { ticketId, kind: 'claimed' });
  return ticket;
}

/** The agent's next ticket: the top of their tier's queue (every tier for supervisors). */
export function claimNext(ctx: DeskContext, agent: Agent): Ticket | undefined {
  const tiers = canManage(agent) ? TIERS : [agent.tier];
  // Another agent may take the top ticket between the read and the claim: try the next one then.
  for (let attempt = 0; attempt < 5; attempt++) {
    const next = nextQueued(ctx.db, tiers);
    if (!next) return undefined;
    try {
      return claimTicket(ctx, next.id, agent);
    } catch (err) {
      if (!(err instanceof DeskError) || err.status !== 409) throw err;
    }
  }
  return undefined;
}
