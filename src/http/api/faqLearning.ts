import { z } from 'zod';
import type { DeskContext } from '../../desk/context';
import { DeskError, notFound } from '../../desk/errors';
import { groupGaps } from '../../learning/gapGroups';
import { acceptSuggestion, rejectSuggestion } from '../../learning/review';
import type { Matcher } from '../../matcher/types';
import { topGaps } from '../../store/faqGaps';
import { listSuggestions, suggest } from '../../store/faqSuggestions';
import { lastQuestion } from '../../store/ticketViews';
import { getTicket } from '../../store/tickets';
import { ALL_ROLES, currentAgent, MANAGERS, type apiRoutes } from './guard';
import { idParam, readBody } from './schemas';

export interface FaqLearningDeps extends DeskContext {
  faqDir: string;
  matcher(): Matcher;
  /** Serve the FAQ as it is on disk now (the hot reload would, a moment later). */
  reloadFaq?(): Promise<void>;
}

const pickBody = z.object({
  messageId: z.number().int().positive().optional(),
  question: z.string().trim().min(1).max(500).optional(),
  /** The entry the question belongs to; null: it needs a new entry. */
  entryId: z.string().regex(/^[a-z0-9._-]+$/).nullable(),
  answer: z.string().trim().min(1).max(4000).optional(),
});
const acceptBody = z.object({
  entryId: z.string().regex(/^[a-z0-9._-]+$/).optional(),
  newId: z.string().regex(/^[a-z0-9._-]+$/).optional(),
  answer: z.string().trim().min(1).max(4000).optional(),
});
const STATUSES = ['pending', 'accepted', 'rejected', 'all'] as const;

/** The question a ticket was handed off with (its last real question), and the agent's last reply. */
function handedOff(deps: FaqLearningDeps, ticketId: number) {
  const ticket = getTicket(deps.db, ticketId);
  if (!ticket) throw notFound(ticketId);
  const question = lastQuestion(deps.db, ticket.conversationId);
  const reply = deps.db
    .prepare(`SELECT text FROM messages WHERE conversation_id = ? AND sender = 'agent' AND internal = 0 ORDER BY id DESC LIMIT 1`)
    .get(ticket.conversationId) as { text: string } | undefined;
  return { ticket, question, reply: reply?.text };
}

/**
 * The learning loop (README "The bot learns from agents"): the matcher's guesses for a handed-off question,
 * the agent's pick as a suggestion, the supervisors' review, and the grouped gaps.
 */
export function faqLearningRoutes(api: ReturnType<typeof apiRoutes>, deps: FaqLearningDeps): void {
  api.route('get', '/api/tickets/:id/faq-guesses', ALL_ROLES, (ctx) => {
    const { question, reply } = handedOff(deps, idParam(ctx));
    const guesses = question
      ? deps.matcher().candidates(question.text, 3).filter((c) => c.entry.action === 'answer')
          .map((c) => ({ id: c.entry.id, question: c.entry.questions[0], score: Math.round(c.score * 1000) / 1000 }))
      : [];
    ctx.body = { question: question ? { messageId: question.id, text: question.text } : null, reply: reply ?? null, guesses };
  });

  api.route('post', '/api/tickets/:id/faq-suggestion', ALL_ROLES, async (ctx) => {
    const id = idParam(ctx);
    const { question, reply } = handedOff(deps, id);
    const body = await readBody(ctx, pickBody);
    const text = body.question ?? question?.text;
    if (!text) throw new DeskError(400, 'no_question', 'this ticket has no question from the player');
    if (body.entryId && !deps.matcher().entry(body.entryId)) throw new DeskError(404, 'unknown_entry', `no FAQ entry "${body.entryId}"`);
    const answer = body.entryId ? null : (body.answer ?? reply ?? null);
    if (!body.entryId && !answer) throw new DeskError(400, 'answer_required', 'reply to the player first: a new entry takes your answer');
    ctx.body = {
      suggestion: suggest(deps.db, {
        ticketId: id,
        messageId: body.messageId ?? question?.id ?? null,
        question: text,
        entryId: body.entryId,
        answer,
        agentId: currentAgent(ctx).id,
        at: deps.now(),
      }),
    };
  });

  api.route('get', '/api/faq/suggestions', MANAGERS, (ctx) => {
    const status = z.enum(STATUSES).catch('pending').parse(ctx.query.status);
    ctx.body = { suggestions: listSuggestions(deps.db, status) };
  });

  api.route('post', '/api/faq/suggestions/:id/accept', MANAGERS, async (ctx) => {
    const options = await readBody(ctx, acceptBody);
    const review = { db: deps.db, faqDir: deps.faqDir, now: deps.now, normalize: (t: string) => deps.matcher().normalize(t) };
    const suggestion = acceptSuggestion(review, idParam(ctx), currentAgent(ctx).displayName, options);
    await deps.reloadFaq?.();
    ctx.body = { suggestion };
  });

  api.route('post', '/api/faq/suggestions/:id/reject', MANAGERS, (ctx) => {
    ctx.body = { suggestion: rejectSuggestion({ db: deps.db, faqDir: deps.faqDir, now: deps.now }, idParam(ctx), currentAgent(ctx).displayName) };
  });

  // What players asked that the FAQ could not answer, near-identical phrasings grouped, most asked first.
  api.route('get', '/api/faq/gaps', MANAGERS, (ctx) => {
    const limit = Math.min(200, Math.max(1, Number(ctx.query.limit) || 20));
    ctx.body = { gaps: groupGaps(topGaps(deps.db, 1000), limit) };
  });
}
