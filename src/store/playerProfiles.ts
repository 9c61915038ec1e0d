import type { ChannelId } from '../core/types';
import type { Db } from './db';
import { findPlayer, getPlayer, type Player } from './players';

/** The fields of a player's profile that the game or an agent may set. */
export interface ProfileFields {
  nickname?: string;
  gameUid?: string;
  server?: string;
  roleId?: string;
  roleName?: string;
  vipLevel?: number;
  notes?: string;
}

export const PROFILE_COLUMNS: Record<keyof ProfileFields, string> = {
  nickname: 'nickname',
  gameUid: 'game_uid',
  server: 'server',
  roleId: 'role_id',
  roleName: 'role_name',
  vipLevel: 'vip_level',
  notes: 'notes',
};

/** The profile as the console shows it. */
export function profileOf(p: Player): Required<{ [K in keyof ProfileFields]: ProfileFields[K] | null }> {
  return { nickname: p.nickname, gameUid: p.gameUid, server: p.server, roleId: p.roleId, roleName: p.roleName, vipLevel: p.vipLevel, notes: p.notes };
}

/**
 * Sets the given fields (an empty string clears one; vipLevel 0 is a value) and returns what changed,
 * field by field, for the ticket's history.
 */
export function setProfile(db: Db, playerId: number, fields: ProfileFields, at: number): Record<string, { from: unknown; to: unknown }> {
  const before = getPlayer(db, playerId);
  if (!before) return {};
  const old = profileOf(before) as Record<string, unknown>;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(fields) as [keyof ProfileFields, unknown][]) {
    if (value === undefined) continue;
    const to = value === '' && key !== 'vipLevel' ? null : value;
    if (old[key] === to) continue;
    if (key === 'nickname' && to === null) continue; // the channel's nickname is not ours to clear
    db.prepare(`UPDATE players SET ${PROFILE_COLUMNS[key]} = ?, profile_updated_at = ? WHERE id = ?`).run(to, at, playerId);
    changes[key] = { from: old[key], to };
  }
  return changes;
}

/** The player behind a channel user, created when the game tells us about them before they first write. */
export function ensurePlayer(db: Db, who: { channel: ChannelId; account: string; userId: string }, at: number): Player {
  db.prepare(
    `INSERT INTO players (channel, account, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (channel, account, user_id) DO NOTHING`,
  ).run(who.channel, who.account, who.userId, at, at);
  return findPlayer(db, who.channel, who.account, who.userId)!;
}

/** Players of a channel user id on any account of that channel (the profile API's lookup without account). */
export function playersByUser(db: Db, channel: ChannelId, userId: string): Player[] {
  const ids = db.prepare('SELECT id FROM players WHERE channel = ? AND user_id = ?').all(channel, userId) as { id: number }[];
  return ids.map((r) => getPlayer(db, r.id)!);
}
