import { z } from 'zod';
import { FOLLOW_UP_MS, type CasesContext } from '../../cases/context';
import { completeFollowupTask, followupJson, followupText, loadFollowup, sendFollowup } from '../../cases/followups';
import { loadFollowupScripts } from '../../cases/scripts';
import { MAX_REPLY_CHARS } from '../../desk/reply';
import { listFollowups } from '../../store/followups';
import { httpError } from '../body';
import { q } from './caseQuery';
import { ALL_ROLES, currentAgent, type apiRoutes } from './guard';
import { idParam, readBody } from './schemas';

const completeBody = z.object({
  outcome: z.enum(['satisfied', 'unsatisfied', 'unreachable']),
  contact: z.enum(['channel', 'phone', 'other']).optional(),
  note: z.string().trim().max(2000).optional(),
});

/** 回访: due and overdue tasks, the scripted text, sending it in the player's channel, the outcome. */
export function followupRoutes(api: ReturnType<typeof apiRoutes>, deps: CasesContext): void {
  const scripts = () => {
    try {
      return loadFollowupScripts(deps.faqDir);
    } catch (err) {
      throw httpError(500, (err as Error).message);
    }
  };

  api.route('get', '/api/followups', ALL_ROLES, (ctx) => {
    const now = deps.now();
    const due = q(ctx, 'due') !== undefined;
    const list = listFollowups(deps.db, due ? { before: now + FOLLOW_UP_MS } : { status: q(ctx, 'status') ?? 'pending' });
    ctx.body = { now, followups: list.map((f) => followupJson(f, now)) };
  });

  api.route('get', '/api/followups/scripts', ALL_ROLES, (ctx) => {
    ctx.body = { scripts: scripts() };
  });

  api.route('get', '/api/followups/:id', ALL_ROLES, (ctx) => {
    const f = loadFollowup(deps, idParam(ctx));
    scripts();
    ctx.body = { followup: followupJson(f, deps.now()), text: followupText(deps, f, q(ctx, 'script'), currentAgent(ctx)) };
  });

  api.route('post', '/api/followups/:id/send', ALL_ROLES, async (ctx) => {
    const body = await readBody(ctx, z.object({ text: z.string().trim().min(1).max(MAX_REPLY_CHARS).optional(), script: z.string().optional() }));
    const id = idParam(ctx);
    const text = body.text ?? followupText(deps, loadFollowup(deps, id), body.script, currentAgent(ctx));
    ctx.body = sendFollowup(deps, id, currentAgent(ctx), text);
  });

  api.route('post', '/api/followups/:id/complete', ALL_ROLES, async (ctx) => {
    const body = await readBody(ctx, completeBody);
    ctx.body = { followup: followupJson(completeFollowupTask(deps, idParam(ctx), body, currentAgent(ctx)), deps.now()) };
  });
}
