import { z } from 'zod';
import { loadComplaintCategories, DEFAULT_CATEGORY } from '../../cases/categories';
import { assignComplaint, loadComplaint, moveComplaint, STAGE_NAMES, stageOf } from '../../cases/complaints';
import type { CasesContext } from '../../cases/context';
import { complaintStatsCsv } from '../../cases/export';
import { complaintStats } from '../../reports/complaints';
import { complaintEvents, listComplaints, type ComplaintCase } from '../../store/complaintCases';
import { httpError } from '../body';
import { dateParam, q } from './caseQuery';
import { ALL_ROLES, currentAgent, type apiRoutes } from './guard';
import { idParam, readBody } from './schemas';

export const complaintJson = (c: ComplaintCase) => ({
  id: c.id,
  category: c.category,
  stage: c.stage,
  stage_name: STAGE_NAMES[c.stage],
  follow_up_due_at: c.followUpDueAt,
  followed_up_at: c.followedUpAt,
  owner: c.ownerId,
  owner_name: c.ownerName,
  valid: c.valid,
  severity: c.severity,
  text: c.text,
  investigation: c.investigation,
  resolution: c.resolution,
  implementation: c.implementation,
  lesson: c.lesson,
  player: c.playerId,
  nickname: c.nickname,
  channel: c.channel,
  ticket: c.ticketId,
  created_at: c.createdAt,
  closed_at: c.closedAt,
});

const stageBody = z.object({
  stage: z.string().min(1),
  valid: z.boolean().optional(),
  category: z.string().trim().min(1).max(40).optional(),
  severity: z.enum(['high', 'medium', 'low']).optional(),
  note: z.string().trim().max(4000).optional(),
});

/** The complaint workflow (受理 → 总结) and the 《顾客投诉分类统计表》. */
export function complaintRoutes(api: ReturnType<typeof apiRoutes>, deps: CasesContext & { timeZone: string }): void {
  const categories = () => {
    try {
      return [...new Set([...loadComplaintCategories(deps.faqDir).map((c) => c.name), DEFAULT_CATEGORY])];
    } catch (err) {
      throw httpError(500, (err as Error).message);
    }
  };

  api.route('get', '/api/complaints', ALL_ROLES, (ctx) => {
    const stageName = q(ctx, 'stage');
    const stage = stageName === undefined ? undefined : stageOf(stageName);
    if (stageName !== undefined && !stage) throw httpError(400, `stage: expected one of ${Object.keys(STAGE_NAMES).join(', ')} (or 受理…总结)`);
    const owner = q(ctx, 'owner') === 'me' ? currentAgent(ctx).id : q(ctx, 'owner') === undefined ? undefined : Number(q(ctx, 'owner'));
    const list = listComplaints(deps.db, { stage, category: q(ctx, 'category'), owner, from: dateParam(ctx, 'from'), to: dateParam(ctx, 'to', true) });
    ctx.body = { complaints: list.map(complaintJson) };
  });

  api.route('get', '/api/complaints/categories', ALL_ROLES, (ctx) => {
    ctx.body = { categories: categories(), stages: STAGE_NAMES };
  });

  api.route('get', '/api/complaints/:id', ALL_ROLES, (ctx) => {
    const c = loadComplaint(deps, idParam(ctx));
    const followup = deps.db.prepare('SELECT id, status, due_at AS dueAt, outcome FROM followups WHERE complaint_id = ?').get(c.id) ?? null;
    ctx.body = { complaint: complaintJson(c), history: complaintEvents(deps.db, c.id), followup };
  });

  api.route('post', '/api/complaints/:id/stage', ALL_ROLES, async (ctx) => {
    const body = await readBody(ctx, stageBody);
    const stage = stageOf(body.stage);
    if (!stage) throw httpError(400, `stage: unknown stage "${body.stage}"`);
    const c = moveComplaint(deps, idParam(ctx), { ...body, stage }, currentAgent(ctx), categories());
    ctx.body = { complaint: complaintJson(c), history: complaintEvents(deps.db, c.id) };
  });

  api.route('post', '/api/complaints/:id/owner', ALL_ROLES, async (ctx) => {
    const body = await readBody(ctx, z.object({ agentId: z.number().int().positive().optional() }));
    const c = assignComplaint(deps, idParam(ctx), body.agentId ?? currentAgent(ctx).id, currentAgent(ctx));
    ctx.body = { complaint: complaintJson(c) };
  });

  api.route('get', '/api/reports/complaints', ALL_ROLES, (ctx) => {
    const month = q(ctx, 'month');
    if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw httpError(400, `month: expected YYYY-MM, got "${month}"`);
    const stats = complaintStats(deps.db, { month, timeZone: deps.timeZone });
    if (q(ctx, 'format') === 'csv') {
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('content-disposition', `attachment; filename="complaints-${month ?? 'all'}.csv"`);
      ctx.body = complaintStatsCsv(stats);
    } else ctx.body = stats;
  });
}
