import type { Conversation } from '../store/conversations';
import type { Db } from '../store/db';
import type { Player } from '../store/players';
import { createTicket, queuePosition, type Ticket, type TicketReason, type Tier } from '../store/tickets';

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

/** Opens a queued ticket for the conversation, with its first-response deadline. */
export function enqueueTicket(
  db: Db,
  o: { conversation: Conversation; player: Player; reason: TicketReason; summary?: string; at: number; firstResponseMs: number },
): Ticket {
  return createTicket(db, {
    conversationId: o.conversation.id,
    playerId: o.player.id,
    reason: o.reason,
    tier: tierFor(o.player, o.reason),
    priority: priorityFor(o.player, o.reason),
    summary: o.summary,
    at: o.at,
    firstResponseDueAt: o.at + o.firstResponseMs,
  });
}

/** Where the player stands: tickets ahead and a rough wait, for the player's own message. */
export function standing(db: Db, ticket: Ticket, minutesPerTicket = 3): { ahead: number; waitMinutes: number } {
  const ahead = queuePosition(db, ticket) - 1;
  return { ahead, waitMinutes: Math.max(1, Math.ceil((ahead + 1) * minutesPerTicket)) };
}
