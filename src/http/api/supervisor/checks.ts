import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { drawSpotChecks } from '../../../checks/sample';
import { scoreSpotCheck } from '../../../checks/score';
import type { Criterion } from '../../../checks/scorecard';
import { canManage, type DeskContext } from '../../../desk/context';
import { addDays, dayOf, isDay } from '../../../reports/day';
import { getSpotCheck, listSpotChecks } from '../../../store/spotChecks';
import { ticketTimeline } from '../../../store/ticketViews';
import type { SupervisorPolicy } from '../../../supervisorPolicy';
import { httpError } from '../../body';
import { ALL_ROLES, currentAgent, MANAGERS, type apiRoutes } from '../guard';
import { idParam, readBody } from '../schemas';
import { readQuery } from './query';

const day = z.string().refine(isDay, 'must be a date YYYY-MM-DD');
const listQuery = z.object({ day: day.optional(), agent: z.coerce.number().int().positive().optional() });
const scoreBody = z.object({ scores: z.record(z.string(), z.number()), comment: z.string().max(2000).optional() });
const drawBody = z.object({ day: day.optional() });

export interface CheckRouteDeps extends DeskContext {
  supervisor: SupervisorPolicy;
  scorecard(): Criterion[];
}

/** Spot checks (随机抽检): supervisors draw and score; agents read the checks of their own conversations. */
export function checkRoutes(api: ReturnType<typeof apiRoutes>, deps: CheckRouteDeps): void {
  api.route('get', '/api/checks', ALL_ROLES, (ctx) => {
    const q = readQuery(ctx, listQuery);
    const me = currentAgent(ctx);
    const agentId = canManage(me) ? q.agent : me.id;
    ctx.body = { scorecard: deps.scorecard(), checks: listSpotChecks(deps.db, { day: q.day, agentId }) };
  });

  api.route('get', '/api/checks/:id', ALL_ROLES, (ctx) => {
    const check = getSpotCheck(deps.db, idParam(ctx));
    const me = currentAgent(ctx);
    if (!check || (!canManage(me) && check.agentId !== me.id)) throw httpError(404, 'no such spot check');
    ctx.body = { scorecard: deps.scorecard(), check, messages: ticketTimeline(deps.db, check.conversationId) };
  });

  api.route('post', '/api/checks/:id/score', MANAGERS, async (ctx) => {
    const id = idParam(ctx);
    const body = await readBody(ctx, scoreBody);
    ctx.body = {
      check: scoreSpotCheck(deps.db, { id, by: currentAgent(ctx).id, scores: body.scores, comment: body.comment, scorecard: deps.scorecard(), at: deps.now() }),
    };
  });

  // On demand (the daily job draws yesterday's at KEFU_REPORT_TIME).
  api.route('post', '/api/checks/draw', MANAGERS, async (ctx) => {
    const { supervisor: p } = deps;
    const body = await readBody(ctx, drawBody);
    const date = body.day ?? addDays(dayOf(deps.now(), p.timeZone), -1);
    const drawn = drawSpotChecks(deps.db, { day: date, timeZone: p.timeZone, size: p.spotCheckSize, seed: p.spotCheckSeed ?? randomUUID(), at: deps.now() });
    ctx.body = { day: date, drawn: drawn.length };
  });
}
