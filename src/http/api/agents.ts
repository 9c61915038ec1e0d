import { createAccount } from '../../desk/accounts';
import type { DeskContext } from '../../desk/context';
import { changeAgent } from '../../desk/roles';
import { listAgents } from '../../store/agents';
import { retryDelivery } from '../../store/deliveries';
import { httpError } from '../body';
import { ADMINS, ALL_ROLES, MANAGERS, type apiRoutes } from './guard';
import { agentChangeBody, idParam, newAgentBody, readBody } from './schemas';

/** The team: who is there (for transfers), accounts for admins, team settings for supervisors; delivery retry. */
export function agentRoutes(api: ReturnType<typeof apiRoutes>, deps: DeskContext): void {
  api.route('get', '/api/agents', ALL_ROLES, (ctx) => {
    ctx.body = { agents: listAgents(deps.db).filter((a) => a.active) };
  });

  // Same as `kefu agent add`: the initial password is shown once.
  api.route('post', '/api/agents', ADMINS, async (ctx) => {
    const body = await readBody(ctx, newAgentBody);
    ctx.status = 201;
    ctx.body = await createAccount(deps.db, { ...body, at: deps.now() });
  });

  api.route('patch', '/api/agents/:id', MANAGERS, async (ctx) => {
    const id = idParam(ctx);
    const change = await readBody(ctx, agentChangeBody);
    ctx.body = { agent: changeAgent(deps.db, ctx.state.agent, id, change) };
  });

  // A reply that failed for good (a vendor refusal, a day of outage) is sent again when the agent asks.
  api.route('post', '/api/messages/:id/retry', ALL_ROLES, (ctx) => {
    const messageId = idParam(ctx);
    if (!retryDelivery(deps.db, messageId, deps.now())) throw httpError(409, `message ${messageId} is not a failed delivery`);
    deps.events.emit('delivery', { messageId, status: 'pending' });
    deps.events.emit('queued');
    ctx.body = { ok: true };
  });
}
