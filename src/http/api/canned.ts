import type { cannedLibrary } from '../../desk/canned';
import { renderCanned } from '../../desk/canned';
import { loadTicket, type DeskContext } from '../../desk/context';
import { getPlayer } from '../../store/players';
import { ALL_ROLES, currentAgent, type apiRoutes } from './guard';

/** 标准话术 for the reply box: searched by `q`, and filled in for the ticket when `ticketId` is given. */
export function cannedRoutes(api: ReturnType<typeof apiRoutes>, deps: DeskContext & { canned: ReturnType<typeof cannedLibrary> }): void {
  api.route('get', '/api/canned', ALL_ROLES, (ctx) => {
    const found = deps.canned.search(typeof ctx.query.q === 'string' ? ctx.query.q : '');
    const ticketId = Number(ctx.query.ticketId);
    if (!ctx.query.ticketId || !Number.isSafeInteger(ticketId)) {
      ctx.body = { canned: found };
      return;
    }
    const ticket = loadTicket(deps.db, ticketId);
    const player = getPlayer(deps.db, ticket.playerId);
    const lang = player?.language ?? 'zh';
    const values = {
      nickname: player?.nickname ?? (lang === 'en' ? 'there' : '玩家'),
      ticketId,
      agent: currentAgent(ctx).displayName,
      gameUid: player?.gameUid ?? '',
      server: player?.server ?? '',
      vipLevel: player?.vipLevel ?? 0,
    };
    ctx.body = { canned: found.map((c) => ({ ...c, rendered: renderCanned(c, lang, values) })) };
  });
}
