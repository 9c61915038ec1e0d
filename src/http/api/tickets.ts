import type { Context } from 'koa';
import { z } from 'zod';
import { claimNext, claimTicket } from '../../desk/claim';
import { loadTicket, OPEN_STATUSES, type DeskContext } from '../../desk/context';
import { addNote } from '../../desk/note';
import { replyToTicket } from '../../desk/reply';
import { resolveTicket } from '../../desk/resolve';
import { transferTicket } from '../../desk/transfer';
import { TIERS } from '../../store/agents';
import type { TicketStatus } from '../../store/tickets';
import { httpError } from '../body';
import { ALL_ROLES, currentAgent, type apiRoutes } from './guard';
import { idParam, readBody, textBody, transferBody } from './schemas';
import { ticketView } from './ticketView';
import { listTicketSummaries } from '../../store/ticketViews';
import { firstResponseLeftMs } from '../../desk/sla';
import type { Channel, ChannelId } from '../../core/types';

const STATUSES = ['queued', 'assigned', 'waiting_player', 'resolved', 'closed'] as const;
const listQuery = z.object({
  status: z.enum([...STATUSES, 'open']).optional(),
  tier: z.enum(TIERS).optional(),
  agent: z.union([z.literal('me'), z.coerce.number().int().positive()]).optional(),
});

export interface TicketRouteDeps extends DeskContext {
  channels: Map<ChannelId, Channel>;
}

function parseQuery(ctx: Context) {
  const parsed = listQuery.safeParse(ctx.query);
  if (!parsed.success) throw httpError(400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

/** The tickets API (DESIGN §5): list, one ticket with its conversation, claim, reply, note, transfer, resolve. */
export function ticketRoutes(api: ReturnType<typeof apiRoutes>, deps: TicketRouteDeps): void {
  api.route('get', '/api/tickets', ALL_ROLES, (ctx) => {
    const q = parseQuery(ctx);
    const statuses: TicketStatus[] | undefined = q.status === 'open' ? [...OPEN_STATUSES] : q.status ? [q.status] : undefined;
    const agentId = q.agent === 'me' ? currentAgent(ctx).id : q.agent;
    const now = deps.now();
    const tickets = listTicketSummaries(deps.db, { statuses, tier: q.tier, agentId });
    ctx.body = { now, tickets: tickets.map((t) => ({ ...t, firstResponseLeftMs: firstResponseLeftMs(t, now) })) };
  });

  api.route('get', '/api/tickets/:id', ALL_ROLES, (ctx) => {
    ctx.body = ticketView(deps, idParam(ctx));
  });

  api.route('post', '/api/tickets/next', ALL_ROLES, (ctx) => {
    const ticket = claimNext(deps, currentAgent(ctx));
    if (!ticket) throw httpError(404, 'the queue is empty');
    ctx.body = { ticket };
  });

  api.route('post', '/api/tickets/:id/claim', ALL_ROLES, (ctx) => {
    ctx.body = { ticket: claimTicket(deps, idParam(ctx), currentAgent(ctx)) };
  });

  api.route('post', '/api/tickets/:id/reply', ALL_ROLES, async (ctx) => {
    const id = idParam(ctx);
    loadTicket(deps.db, id); // 404 before reading the body
    const { text } = await readBody(ctx, textBody);
    ctx.body = replyToTicket(deps, id, currentAgent(ctx), text);
  });

  api.route('post', '/api/tickets/:id/note', ALL_ROLES, async (ctx) => {
    const id = idParam(ctx);
    loadTicket(deps.db, id);
    const { text } = await readBody(ctx, textBody);
    ctx.body = addNote(deps, id, currentAgent(ctx), text);
  });

  api.route('post', '/api/tickets/:id/transfer', ALL_ROLES, async (ctx) => {
    const id = idParam(ctx);
    loadTicket(deps.db, id);
    const body = await readBody(ctx, transferBody);
    const to = body.agentId !== undefined ? { agentId: body.agentId } : { tier: body.tier! };
    ctx.body = { ticket: transferTicket(deps, id, currentAgent(ctx), to, body.note) };
  });

  api.route('post', '/api/tickets/:id/resolve', ALL_ROLES, (ctx) => {
    ctx.body = { ticket: resolveTicket(deps, idParam(ctx), currentAgent(ctx)) };
  });
}
