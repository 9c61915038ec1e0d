import type { Conversation } from '../store/conversations';
import type { Db } from '../store/db';
import { onlineAgents } from '../store/agents';
import type { Player } from '../store/players';
import { createTicket, queuePosition, type Ticket, type TicketReason, type Tier } from '../store/tickets';
import { firstResponseMsFor, type DeskPolicy } from './deskPolicy';
import { clockTime, isOpen, nextOpening } from './serviceHours';

/** VIP level from which a player's tickets go to the VIP tier. */
export const VIP_TIER_FROM_LEVEL = 3;

/** Which queue a ticket joins: VIP players to VIP agents, complaints to the second line, the rest to the first. */
export function tierFor(player: Pick<Player, 'vipLevel'>, reason: TicketReason): Tier {
  if (player.vipLevel >= VIP_TIER_FROM_LEVEL) return 'VIP';
  return reason === 'complaint' ? 'L2' : 'L1';
}

/** Higher first: VIP level weighs most, then complaints and bug reports; waiting time breaks ties in the queue order. */
export function priorityFor(player: Pick<Player, 'vipLevel'>, reason: TicketReason): number {
  return player.vipLevel * 10 + (reason === 'complaint' ? 5 : reason === 'bug_report' ? 2 : 0);
}

/**
 * Opens a queued ticket for the conversation. The first response is due the tier's SLA after queueing,
 * or after people are back when it is queued outside service hours.
 */
export function enqueueTicket(
  db: Db,
  o: { conversation: Conversation; player: Player; reason: TicketReason; summary?: string; at: number; policy: DeskPolicy },
): Ticket {
  const tier = tierFor(o.player, o.reason);
  return createTicket(db, {
    conversationId: o.conversation.id,
    playerId: o.player.id,
    reason: o.reason,
    tier,
    priority: priorityFor(o.player, o.reason),
    summary: o.summary,
    at: o.at,
    firstResponseDueAt: nextOpening(o.policy.serviceHours, o.at) + firstResponseMsFor(o.policy, tier),
  });
}

/**
 * Where the player stands: tickets ahead and a rough wait, for the player's own message. The wait spreads
 * the queue over the tier's online agents (at least one: someone will come).
 */
export function standing(db: Db, ticket: Ticket, minutesPerTicket = 3): { ahead: number; waitMinutes: number } {
  const ahead = queuePosition(db, ticket) - 1;
  const agents = Math.max(1, onlineAgents(db, ticket.tier));
  return { ahead, waitMinutes: Math.max(1, Math.ceil(((ahead + 1) * minutesPerTicket) / agents)) };
}

/** Outside service hours: the hours, and when people are back (HH:MM in the desk's time zone); undefined when open. */
export function afterHours(policy: DeskPolicy, at: number): { hours: string; backAt: string } | undefined {
  const hours = policy.serviceHours;
  if (!hours || isOpen(hours, at)) return undefined;
  return { hours: hours.text, backAt: clockTime(nextOpening(hours, at), hours.timeZone) };
}
