import { z } from 'zod';
import type { ChannelId } from '../../core/types';
import type { DeskContext } from '../../desk/context';
import { announceProfile, updatePlayerProfile } from '../../players/profile';
import { checkSignature } from '../../players/signature';
import { getPlayer } from '../../store/players';
import { ensurePlayer, playersByUser, profileOf } from '../../store/playerProfiles';
import { httpError } from '../body';
import { ALL_ROLES, currentAgent, type apiRoutes } from './guard';
import { idParam, readBody } from './schemas';

const CHANNELS = ['wechat-mp', 'wecom-kf', 'wechaty', 'onebot', 'qq-official', 'webchat', 'terminal'] as const;
const shortText = (max: number) => z.string().trim().max(max);

/** What a game's server may say about a channel user (README "Player profiles"); signed like the web-chat link. */
const gameBody = z.object({
  channel: z.enum(CHANNELS),
  account: z.string().min(1).max(128).optional(),
  userId: z.string().min(1).max(256),
  uid: shortText(128).optional(),
  server: shortText(64).optional(),
  roleId: shortText(128).optional(),
  roleName: shortText(128).optional(),
  nickname: shortText(64).optional(),
  vipLevel: z.number().int().min(0).max(99).optional(),
  ts: z.union([z.number(), z.string()]),
  sig: z.string().min(1),
});

/** What an agent may change in the console. */
const agentBody = z.object({
  ticketId: z.number().int().positive().optional(),
  gameUid: shortText(128).optional(),
  server: shortText(64).optional(),
  roleId: shortText(128).optional(),
  roleName: shortText(128).optional(),
  vipLevel: z.number().int().min(0).max(99).optional(),
  notes: shortText(2000).optional(),
});

/** The profile API for games, and the console's profile editor. */
export function playerProfileRoutes(api: ReturnType<typeof apiRoutes>, deps: DeskContext & { profileSecret?: string }): void {
  api.publicRoute('post', '/api/players/profile', async (ctx) => {
    if (!deps.profileSecret) throw httpError(503, 'the profile API is off: set KEFU_WEBCHAT_SECRET');
    const body = await readBody(ctx, gameBody);
    const signed = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]));
    const check = checkSignature(signed, deps.profileSecret, deps.now());
    if (!check.ok) throw httpError(401, check.reason);
    const player = findOrCreate(deps, body.channel, body.account, body.userId);
    const fields = { gameUid: body.uid, server: body.server, roleId: body.roleId, roleName: body.roleName, nickname: body.nickname, vipLevel: body.vipLevel };
    const changes = updatePlayerProfile(deps, player.id, fields, { source: 'game' });
    if (Object.keys(changes).length) announceProfile(deps, player.id);
    ctx.body = { playerId: player.id, profile: profileOf(getPlayer(deps.db, player.id)!), changed: Object.keys(changes) };
  });

  api.route('post', '/api/players/:id/profile', ALL_ROLES, async (ctx) => {
    const id = idParam(ctx);
    if (!getPlayer(deps.db, id)) throw httpError(404, `no player ${id}`);
    const { ticketId, ...fields } = await readBody(ctx, agentBody);
    const changes = updatePlayerProfile(deps, id, fields, { agentId: currentAgent(ctx).id }, ticketId);
    if (Object.keys(changes).length) announceProfile(deps, id);
    ctx.body = { profile: profileOf(getPlayer(deps.db, id)!), changed: Object.keys(changes) };
  });
}

/** The channel user's player: by (channel, account, userId), or by (channel, userId) when that is unambiguous. */
function findOrCreate(deps: DeskContext, channel: ChannelId, account: string | undefined, userId: string) {
  if (account) return ensurePlayer(deps.db, { channel, account, userId }, deps.now());
  const found = playersByUser(deps.db, channel, userId);
  if (found.length === 1) return found[0];
  if (!found.length) throw httpError(404, `no ${channel} player ${userId} yet: give "account" to create one`);
  throw httpError(409, `${channel} user ${userId} is known on ${found.length} accounts: give "account"`);
}
