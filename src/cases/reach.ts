import { getPlayer } from '../store/players';
import { insertMessage } from '../store/messages';
import { enqueueOutbound } from '../store/outbox';
import type { Address } from '../core/types';
import type { CasesContext } from './context';

export type Delivery = { sent: true; messageId: number } | { sent: false; reason: string };

/**
 * Writes to a player outside a reply: in their latest conversation, through their own channel, only when the
 * channel's reply window still allows it (WeChat's 48 h, QQ's passive replies). Otherwise says why not, so an
 * agent can reach them another way. The message goes through the outbox like every reply.
 */
export function sendToPlayer(ctx: CasesContext, playerId: number, text: string, from: { agentId?: number } = {}): Delivery {
  const row = ctx.db
    .prepare('SELECT id, address FROM conversations WHERE player_id = ? ORDER BY id DESC LIMIT 1')
    .get(playerId) as { id: number; address: string } | undefined;
  if (!row || !getPlayer(ctx.db, playerId)) return { sent: false, reason: 'no conversation with this player' };
  const address = JSON.parse(row.address) as Address;
  const channel = ctx.channels.get(address.channel);
  if (!channel) return { sent: false, reason: `channel ${address.channel} is not configured` };
  const reach = channel.reachability?.(address) ?? { reachable: true };
  if (!reach.reachable) return { sent: false, reason: reach.reason ?? 'outside the channel reply window' };
  const at = ctx.now();
  const messageId = insertMessage(ctx.db, {
    conversationId: row.id,
    direction: 'out',
    sender: from.agentId ? 'agent' : 'system',
    agentId: from.agentId,
    channel: address.channel,
    account: address.account,
    kind: 'text',
    text,
    createdAt: at,
  });
  enqueueOutbound(ctx.db, { messageId, address, status: 'pending', at });
  // Emitted after the caller's synchronous transaction: listeners run on a later tick.
  setImmediate(() => {
    ctx.events.emit('message', { conversationId: row.id, playerId, messageId, direction: 'out', ticketId: null, channel: address.channel });
    ctx.events.emit('queued');
  });
  return { sent: true, messageId };
}
