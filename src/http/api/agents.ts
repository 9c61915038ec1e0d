import { createAccount } from '../../desk/accounts';
import type { DeskContext } from '../../desk/context';
import { getAgent, listAgents, updateAgent } from '../../store/agents';
import { retryDelivery } from '../../store/deliveries';
import { deleteAgentSessions } from '../../store/sessions';
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
    if (!getAgent(deps.db, id)) throw httpError(404, `no agent ${id}`);
    if (change.role && ctx.state.agent.role !== 'admin') throw httpError(403, 'only an admin may change roles');
    updateAgent(deps.db, id, change);
    if (change.active === false) deleteAgentSessions(deps.db, id);
    ctx.body = { agent: getAgent(deps.db, id) };
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
