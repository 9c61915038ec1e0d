import { agentsWithRoom, markAssigned, TIERS } from '../store/agents';
import { claimQueued, nextQueued } from '../store/ticketFlow';
import { recordTicketEvent } from '../store/tickets';
import { updateConversation, type DeskContext } from './context';
import { isOpen } from '../core/serviceHours';

/**
 * Auto-assignment (KEFU_AUTO_ASSIGN): the top queued ticket of each tier goes to the online agent of that
 * tier who was assigned least recently and still has room under their capacity, until agents or tickets
 * run out. Returns the number of tickets assigned.
 */
export function autoAssign(ctx: DeskContext): number {
  if (!ctx.policy.autoAssign) return 0;
  const at = ctx.now();
  if (!isOpen(ctx.policy.serviceHours, at)) return 0;
  const assigned = ctx.db.transaction(() => {
    const done: number[] = [];
    for (const tier of TIERS) {
      for (;;) {
        const ticket = nextQueued(ctx.db, [tier]);
        const agent = ticket && agentsWithRoom(ctx.db, tier)[0];
        if (!ticket || !agent) break;
        claimQueued(ctx.db, ticket.id, agent.id, at);
        markAssigned(ctx.db, agent.id, at);
        recordTicketEvent(ctx.db, { ticketId: ticket.id, agentId: agent.id, kind: 'assigned', data: { by: 'auto' }, at });
        updateConversation(ctx.db, ticket, at, (c) => (c.state = 'with_agent'));
        done.push(ticket.id);
      }
    }
    return done;
  }).immediate();
  for (const ticketId of assigned) ctx.events.emit('ticket', { ticketId, kind: 'assigned' });
  return assigned.length;
}
