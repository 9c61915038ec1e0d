import type Router from '@koa/router';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Mailbox } from '../../src/core/mailbox';
import type { Channel, HandleResult, InboundMessage } from '../../src/core/types';
import { httpError, readJson } from '../../src/http/body';

/** The web chat's one account: the game site. */
export const WEBCHAT_ACCOUNT = 'web';
export const MAX_BODY_BYTES = 16 * 1024;
export const MAX_TEXT_CHARS = 2000;
const LONG_POLL_MS = 25_000;

// The session id is the only key to a player's web-chat history: the page makes a random 32-character one.
const sessionId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'sessionId must be 1-128 letters, digits, _ or -');
const postSchema = z.object({
  sessionId,
  text: z.string().trim().min(1, 'text is required').max(MAX_TEXT_CHARS, `text is longer than ${MAX_TEXT_CHARS} characters`),
  nickname: z.string().max(64).optional(),
  /** The browser's id for this message: a retried POST is answered once. */
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
});

export interface WebchatDeps {
  /** The pipeline, after the LLM's second opinion when one is configured (within its reply budget). */
  handle(msg: InboundMessage): Promise<HandleResult>;
  /** A game's signed link (uid, server, role, nickname, vip, ts, sig): the player's own session, or why not. */
  signedEntry?(params: Record<string, unknown>): { ok: true; sessionId: string } | { ok: false; reason: string };
  confirmInline(messageIds: number[]): void;
  mailbox: Mailbox;
  now(): number;
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw httpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

/**
 * The web chat on the game's site (DESIGN §5): POST a message and get the bot's replies in the response;
 * long-poll GET for what comes later (an agent's reply). The session id in the browser is the player's id.
 */
export function createWebchatChannel(deps: WebchatDeps): Channel {
  return {
    id: 'webchat',
    routes(router: Router) {
      router.post('/webchat/api/messages', async (ctx) => {
        const body = parseOrThrow(postSchema, await readJson(ctx, MAX_BODY_BYTES));
        const result = await deps.handle({
          channel: 'webchat',
          account: WEBCHAT_ACCOUNT,
          externalId: body.clientMessageId ? `${body.sessionId}:${body.clientMessageId}` : randomUUID(),
          from: { userId: body.sessionId, nickname: body.nickname },
          kind: 'text',
          text: body.text,
          receivedAt: deps.now(),
        });
        ctx.body = { replies: result.replies.map((r) => ({ id: r.messageId, text: r.text })), duplicate: result.duplicate };
        deps.confirmInline(result.replies.map((r) => r.messageId!));
      });

      // The page opened from a game's signed link trades the link's parameters for the player's session id.
      router.post('/webchat/api/session', async (ctx) => {
        const body = parseOrThrow(z.object({ params: z.record(z.string(), z.string().max(512)) }), await readJson(ctx, MAX_BODY_BYTES));
        const entry = deps.signedEntry ? deps.signedEntry(body.params) : { ok: false as const, reason: 'signed links are off' };
        if (!entry.ok) throw httpError(401, `${entry.reason}: chatting as an anonymous visitor`);
        ctx.body = { sessionId: entry.sessionId };
      });

      router.get('/webchat/api/messages', async (ctx) => {
        const id = parseOrThrow(sessionId, ctx.query.sessionId);
        if (ctx.query.after === undefined) {
          ctx.body = { messages: deps.mailbox.history('webchat', WEBCHAT_ACCOUNT, id) };
          return;
        }
        const after = Number(ctx.query.after);
        if (!Number.isInteger(after) || after < 0) throw httpError(400, 'after must be a message id (a whole number)');
        const wait = ctx.query.wait === '0' ? 0 : LONG_POLL_MS;
        const aborted = new AbortController();
        ctx.res.once('close', () => aborted.abort());
        ctx.body = { messages: await deps.mailbox.poll('webchat', WEBCHAT_ACCOUNT, id, after, wait, aborted.signal) };
      });
    },
    // The browser collects messages by polling the mailbox: once stored, a message is delivered.
    async send() {
      return { ok: true };
    },
  };
}
