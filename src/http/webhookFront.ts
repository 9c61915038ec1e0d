import type Router from '@koa/router';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery, type ParsedUrlQuery } from 'node:querystring';
import type { PushAnswer, PushRoute } from '../core/types';
import type { Logger } from '../log';
import { readBody, readRawBody } from './body';
import { errorAnswer } from './errors';

/** The same handler as a koa route (for koa's own callback, and the GET/HEAD/405 answers beside it). */
export function mountPush(router: Router, route: PushRoute): void {
  router.post(route.path, async (ctx) => {
    const answer = await route.handle({ query: ctx.query as ParsedUrlQuery, body: (limit) => readRawBody(ctx, limit) });
    if (answer.logged) ctx.state.messageLogged = true; // src/http/errors.ts requestLog
    ctx.type = answer.type;
    ctx.body = answer.body;
  });
}

/**
 * The vendors' POST webhooks in front of koa: a push to one of `routes` is answered by its handler directly,
 * every other request goes to `app` (koa). koa's context, middleware chain and router were a tenth of a push's
 * main-thread time; what they did for a push is done here the same way: errors answered as errorHandler does
 * (`{error}`, the message only when exposed, 5xx logged), and a request line as requestLog writes it.
 */
export function webhookFront(app: RequestListener, routes: PushRoute[], log: Logger): RequestListener {
  const byPath = new Map(routes.map((r) => [r.path, r]));
  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const route = req.method === 'POST' ? byPath.get(path) : undefined;
    if (!route) return app(req, res);
    answerPush(route, req, res, path, q < 0 ? '' : url.slice(q + 1), log).catch((err: unknown) => {
      // Only the answer's own writing can get here (the handler's errors are answered): cut the connection.
      log.error({ err, method: 'POST', url: path }, 'request failed');
      res.destroy();
    });
  };
}

async function answerPush(route: PushRoute, req: IncomingMessage, res: ServerResponse, path: string, search: string, log: Logger): Promise<void> {
  const started = process.hrtime.bigint();
  let status = 200;
  let answer: PushAnswer;
  try {
    answer = await route.handle({ query: parseQuery(search), body: (limit) => readBody(req, limit) });
  } catch (err) {
    const e = errorAnswer(err);
    if (e.status >= 500) log.error({ err, method: 'POST', url: path }, 'request failed');
    status = e.status;
    answer = { type: 'application/json; charset=utf-8', body: JSON.stringify(e.body) };
  }
  // The connection may be gone (the vendor gave up): the push is stored all the same, nothing to answer.
  if (!res.destroyed && !res.headersSent) {
    res.writeHead(status, { 'Content-Type': answer.type, 'Content-Length': Buffer.byteLength(answer.body) });
    res.end(answer.body);
  }
  if (!answer.logged || status >= 400) {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log.info({ method: 'POST', url: path, status, ms: Math.round(ms * 100) / 100 }, 'request');
  }
}
