import { z } from 'zod';
import { CHANNEL_IDS } from '../../core/types';
import type { DeskContext } from '../../desk/context';
import { erasePlayer } from '../../privacy/erase';
import { exportPlayer, type PlayerRequest } from '../../privacy/export';
import { listAudit } from '../../store/audit';
import { getPlayer } from '../../store/players';
import { httpError } from '../body';
import { ADMINS, currentAgent, type apiRoutes } from './guard';
import { readBody } from './schemas';

// By the channel's user id (a request that came by e-mail or phone), or by the row id (from a ticket).
const playerBody = z.union([
  z.object({
    channel: z.enum(CHANNEL_IDS),
    userId: z.string().trim().min(1, 'userId is required').max(256),
    account: z.string().trim().min(1).max(256).optional(),
  }),
  z.object({ playerId: z.number().int().positive() }),
]);

/**
 * A player's personal data on request (个人信息保护法), for admins only: a copy (export) or erasure, each
 * recorded in audit_events with the admin's id. POST for both: an export is audited, so it changes state.
 */
export function playerRoutes(api: ReturnType<typeof apiRoutes>, deps: DeskContext): void {
  const requestOf = (body: z.infer<typeof playerBody>): PlayerRequest => {
    if (!('playerId' in body)) return body;
    const player = getPlayer(deps.db, body.playerId);
    if (!player) throw httpError(404, `no player #${body.playerId}`);
    return { channel: player.channel, userId: player.userId, account: player.account };
  };
  const unknown = (r: PlayerRequest) => httpError(404, `no player "${r.userId}" on ${r.channel}`);

  api.route('post', '/api/players/export', ADMINS, async (ctx) => {
    const body = requestOf(await readBody(ctx, playerBody));
    const data = exportPlayer(deps.db, body, `agent:${currentAgent(ctx).id}`, deps.now());
    if (!data) throw unknown(body);
    ctx.body = data;
  });

  api.route('post', '/api/players/erase', ADMINS, async (ctx) => {
    const body = requestOf(await readBody(ctx, playerBody));
    const result = erasePlayer(deps.db, body, `agent:${currentAgent(ctx).id}`, deps.now());
    if (!result) throw unknown(body);
    deps.log.warn({ playerIds: result.playerIds, agent: currentAgent(ctx).id }, 'player data erased');
    ctx.body = result;
  });

  api.route('get', '/api/audit', ADMINS, (ctx) => {
    const limit = Math.min(500, Math.max(1, Number(ctx.query.limit) || 50));
    ctx.body = { events: listAudit(deps.db, limit) };
  });
}
