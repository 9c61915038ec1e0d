import type { DeskContext } from '../desk/context';
import { priorityFor, tierFor } from '../core/queue';
import { getPlayer } from '../store/players';
import { setProfile, type ProfileFields } from '../store/playerProfiles';
import { recordTicketEvent, type TicketReason, type Tier } from '../store/tickets';

type Ctx = Pick<DeskContext, 'db' | 'events' | 'now'>;

/** Who changed a profile: an agent in the console, the game's server, or the game's signed web-chat link. */
export type ProfileSource = { agentId: number } | { source: 'game' | 'webchat' };

interface OpenTicketRow {
  id: number;
  status: string;
  tier: Tier;
  reason: TicketReason;
}

/**
 * Changes a player's profile and lets it count: the change is recorded in the history of the player's open
 * tickets (or the ticket it was made from), and a new VIP level moves a queued ticket to the queue and
 * priority it now deserves. Returns what changed.
 */
export function updatePlayerProfile(ctx: Ctx, playerId: number, fields: ProfileFields, by: ProfileSource, fromTicketId?: number) {
  const at = ctx.now();
  return ctx.db.transaction(() => {
    const changes = setProfile(ctx.db, playerId, fields, at);
    if (!Object.keys(changes).length) return changes;
    const player = getPlayer(ctx.db, playerId)!;
    const open = ctx.db
      .prepare(`SELECT id, status, tier, reason FROM tickets WHERE player_id = ? AND status IN ('queued', 'assigned', 'waiting_player')`)
      .all(playerId) as OpenTicketRow[];
    const ticketIds = new Set(open.map((t) => t.id));
    if (fromTicketId) ticketIds.add(fromTicketId);
    const agentId = 'agentId' in by ? by.agentId : null;
    const source = 'agentId' in by ? 'agent' : by.source;
    for (const id of ticketIds) recordTicketEvent(ctx.db, { ticketId: id, agentId, kind: 'profile_changed', data: { changes, source }, at });
    if (changes.vipLevel) {
      for (const t of open.filter((t) => t.status === 'queued')) {
        const tier = t.tier === 'L2' && tierFor(player, t.reason) !== 'VIP' ? 'L2' : tierFor(player, t.reason);
        ctx.db.prepare('UPDATE tickets SET tier = ?, priority = ?, updated_at = ? WHERE id = ?').run(tier, priorityFor(player, t.reason), at, t.id);
        if (tier !== t.tier) recordTicketEvent(ctx.db, { ticketId: t.id, agentId, kind: 'transferred', data: { from: t.tier, to: tier, why: 'vip_level' }, at });
      }
    }
    return changes;
  })();
}

/** Tells the consoles after the commit. */
export function announceProfile(ctx: Ctx, playerId: number): void {
  const rows = ctx.db.prepare(`SELECT id FROM tickets WHERE player_id = ? AND status IN ('queued', 'assigned', 'waiting_player')`).all(playerId) as { id: number }[];
  for (const r of rows) ctx.events.emit('ticket', { ticketId: r.id, kind: 'profile_changed' });
}
