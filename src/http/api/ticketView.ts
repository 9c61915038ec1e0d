import type { Channel, ChannelId, Reachability } from '../../core/types';
import type { DeskContext } from '../../desk/context';
import { notFound } from '../../desk/errors';
import { firstResponseLeftMs } from '../../desk/sla';
import { getConversation } from '../../store/conversations';
import { getPlayer } from '../../store/players';
import { playerTickets, ticketSummary, ticketTimeline } from '../../store/ticketViews';
import { ticketEvents } from '../../store/tickets';

/**
 * Everything the console shows for one ticket: the ticket with its SLA clock, the conversation (notes and
 * delivery status included), the player's profile and past tickets, the history of changes, and whether
 * the player's channel can reach them now.
 */
export function ticketView(deps: DeskContext & { channels: Map<ChannelId, Channel> }, id: number) {
  const ticket = ticketSummary(deps.db, id);
  if (!ticket) throw notFound(id);
  const now = deps.now();
  const player = getPlayer(deps.db, ticket.playerId)!;
  const address = getConversation(deps.db, ticket.conversationId)?.address;
  const channel = address && deps.channels.get(address.channel);
  const reachability: Reachability | null = address && channel?.reachability ? channel.reachability(address) : null;
  return {
    now,
    ticket: { ...ticket, firstResponseLeftMs: firstResponseLeftMs(ticket, now) },
    // The player's platform id (openid…) stays out: agents need who, not the key.
    player: {
      id: player.id,
      channel: player.channel,
      account: player.account,
      nickname: player.nickname,
      gameUid: player.gameUid,
      server: player.server,
      roleId: player.roleId,
      roleName: player.roleName,
      notes: player.notes,
      vipLevel: player.vipLevel,
      language: player.language,
      chineseScript: player.chineseScript,
      firstSeenAt: player.createdAt,
      lastSeenAt: player.lastSeenAt,
    },
    messages: ticketTimeline(deps.db, ticket.conversationId),
    pastTickets: playerTickets(deps.db, player.id).filter((t) => t.id !== id),
    events: ticketEvents(deps.db, id),
    reachability,
  };
}
