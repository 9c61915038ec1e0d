import type Router from '@koa/router';
import type { Context } from 'koa';
import { assertHolder, loadTicket } from '../../desk/context';
import { DeskError } from '../../desk/errors';
import { LlmUnavailable } from '../../llm/client';
import type { Llm } from '../../llm';
import { ALL_ROLES, apiRoutes, currentAgent, type GuardDeps } from './guard';
import { idParam } from './schemas';

/**
 * Agent assist (issue #16): `POST /api/tickets/:id/draft`, `/summary` → {"text"}, `/triage` → {"category",
 * "severity", "reason"}. For the agent holding the ticket (or a supervisor); nothing is sent to the player.
 * 503 with a reason when no LLM is configured or it fails: the console then says so and the agent writes.
 */
export function assistRoutes(deps: GuardDeps & { llm?: Llm }) {
  return (router: Router) => {
    const api = apiRoutes(router, deps);
    const ticketFor = (ctx: Context) => {
      const ticket = loadTicket(deps.db, idParam(ctx));
      assertHolder(ticket, currentAgent(ctx), true);
      if (!deps.llm) throw new DeskError(503, 'llm_off', 'no LLM is configured (set KEFU_LLM_MODEL and OPENAI_BASE_URL or OPENAI_API_KEY)');
      return { ticket, assist: deps.llm.assist };
    };
    const failed = (err: unknown) => {
      if (err instanceof LlmUnavailable) return new DeskError(503, `llm_${err.outcome}`, `the LLM could not help: ${err.message}`);
      return err;
    };

    api.route('post', '/api/tickets/:id/draft', ALL_ROLES, async (ctx) => {
      const { ticket, assist } = ticketFor(ctx);
      ctx.body = { text: await assist.draft(ticket).catch((err) => Promise.reject(failed(err))) };
    });
    api.route('post', '/api/tickets/:id/summary', ALL_ROLES, async (ctx) => {
      const { ticket, assist } = ticketFor(ctx);
      ctx.body = { text: await assist.summary(ticket).catch((err) => Promise.reject(failed(err))) };
    });
    api.route('post', '/api/tickets/:id/triage', ALL_ROLES, async (ctx) => {
      const { ticket, assist } = ticketFor(ctx);
      ctx.body = await assist.triage(ticket).catch((err) => Promise.reject(failed(err)));
    });
  };
}
