import { z } from 'zod';
import type { DeskContext } from '../../../desk/context';
import { dayRange, isDay } from '../../../reports/day';
import { searchConversations } from '../../../reports/search';
import { ALL_ROLES, type apiRoutes } from '../guard';
import { readQuery } from './query';

const day = z.string().refine(isDay, 'must be a date YYYY-MM-DD');
const searchQuery = z.object({
  q: z.string().trim().max(200).optional(),
  player: z.string().trim().max(100).optional(),
  ticket: z.coerce.number().int().positive().optional(),
  channel: z.string().max(40).optional(),
  status: z.enum(['queued', 'assigned', 'waiting_player', 'resolved', 'closed', 'bot']).optional(),
  from: day.optional(),
  to: day.optional(),
});

/** `GET /api/search`: tickets and conversations by player, text, ticket number, channel, date range and status. */
export function searchRoutes(api: ReturnType<typeof apiRoutes>, deps: DeskContext & { timeZone: string }): void {
  api.route('get', '/api/search', ALL_ROLES, (ctx) => {
    const q = readQuery(ctx, searchQuery);
    const results = searchConversations(deps.db, {
      text: q.q || undefined,
      player: q.player || undefined,
      ticket: q.ticket,
      channel: q.channel || undefined,
      status: q.status,
      from: q.from ? dayRange(q.from, deps.timeZone).from : undefined,
      to: q.to ? dayRange(q.to, deps.timeZone).to : undefined,
    });
    ctx.body = { results };
  });
}
