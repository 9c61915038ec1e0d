import type { Middleware } from 'koa';
import type { Logger } from '../log';

/** What a client sees of an error: its status and `{error}`, the message only when it was meant for them (expose). */
export function errorAnswer(err: unknown): { status: number; body: { error: string } } {
  const e = err as Error & { status?: number; expose?: boolean };
  const status = e.status && e.status >= 400 && e.status < 600 ? e.status : 500;
  return { status, body: { error: e.expose ? e.message : status >= 500 ? 'internal error' : e.message } };
}

/**
 * One place for errors: a client sees `{error}` with its status (errorAnswer), and a 5xx is logged with the
 * request. The vendors' webhooks answered in front of koa do the same (src/http/webhookFront.ts).
 */
export function errorHandler(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const { status, body } = errorAnswer(err);
      ctx.status = status;
      ctx.body = body;
      if (status >= 500) log.error({ err, method: ctx.method, url: ctx.path }, 'request failed');
    }
  };
}

/**
 * A line per request: method, path, status, milliseconds (query strings may carry tokens: left out). A
 * webhook request answered with a handled message sets `ctx.state.messageLogged`: the pipeline's "message
 * handled" line (channel, decision, ms) stands for it, one line per message instead of two.
 */
export function requestLog(log: Logger): Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      if (!ctx.state.messageLogged || ctx.status >= 400) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        log.info({ method: ctx.method, url: ctx.path, status: ctx.status, ms: Math.round(ms * 100) / 100 }, 'request');
      }
    }
  };
}
