// The vendors' pushes answered in front of koa (issue #17 finding 7): what koa's middleware did for them —
// error answers, the request line, body limits — is done the same way, and every other request reaches koa.
import Router from '@koa/router';
import Koa from 'koa';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { PushRoute } from '../../src/core/types';
import { httpError } from '../../src/http/body';
import { errorHandler, requestLog } from '../../src/http/errors';
import { mountPush, webhookFront } from '../../src/http/webhookFront';
import { createLogger } from '../../src/log';

let server: Server;
let url: string;
let koaUrl: string;
let koaServer: Server;
const lines: string[] = [];

/** Echoes the query and body; `?fail=401` throws an exposed error, `?fail=boom` an unexpected one. */
const echo: PushRoute = {
  path: '/vendor/push',
  async handle(req) {
    if (req.query.fail === '401') throw httpError(401, 'bad signature');
    if (req.query.fail === 'boom') throw new Error('database gone');
    const body = await req.body(16);
    return { type: 'application/xml', body: `<xml>${req.query.a}:${body.toString()}</xml>`, logged: req.query.logged === '1' };
  },
};

beforeAll(async () => {
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const log = createLogger('info', sink as never);
  const app = new Koa();
  const router = new Router();
  router.get('/vendor/push', (ctx) => (ctx.body = 'verified by koa'));
  mountPush(router, echo);
  app.use(requestLog(log));
  app.use(errorHandler(log));
  app.use(router.routes());
  app.use(router.allowedMethods());
  server = createServer(webhookFront(app.callback(), [echo], log)).listen(0, '127.0.0.1');
  koaServer = createServer(app.callback()).listen(0, '127.0.0.1');
  await Promise.all([server, koaServer].map((s) => new Promise((r) => s.once('listening', r))));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  koaUrl = `http://127.0.0.1:${(koaServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await Promise.all([server, koaServer].map((s) => new Promise((r) => s.close(r))));
});
beforeEach(() => (lines.length = 0));

async function post(base: string, search: string, body = 'hi') {
  const res = await fetch(`${base}/vendor/push${search}`, { method: 'POST', body });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}
const requestLines = () => lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');

describe('webhook front', () => {
  it('answers a push with its handler, as koa does', async () => {
    for (const base of [url, koaUrl]) {
      expect(await post(base, '?a=1&a=2')).toEqual({ status: 200, type: 'application/xml', text: '<xml>1,2:hi</xml>' });
    }
  });

  it('answers errors as the error handler does: the exposed message, or "internal error" logged', async () => {
    for (const base of [url, koaUrl]) {
      expect(await post(base, '?fail=401')).toEqual({ status: 401, type: 'application/json; charset=utf-8', text: '{"error":"bad signature"}' });
      expect(await post(base, '?fail=boom')).toEqual({ status: 500, type: 'application/json; charset=utf-8', text: '{"error":"internal error"}' });
    }
    expect(lines.filter((l) => l.includes('request failed') && l.includes('database gone'))).toHaveLength(2);
  });

  it('refuses a body over the limit with 413', async () => {
    expect((await post(url, '?a=1', 'x'.repeat(17))).status).toBe(413);
  });

  it('writes a request line unless the pipeline logged the message, and for every refusal', async () => {
    await post(url, '?a=1&logged=1');
    expect(requestLines()).toEqual([]);
    await post(url, '?a=1');
    await post(url, '?fail=401&logged=1');
    expect(requestLines().map((l) => [l.method, l.url, l.status])).toEqual([
      ['POST', '/vendor/push', 200],
      ['POST', '/vendor/push', 401],
    ]);
  });

  it('leaves every other request to koa: other methods and paths', async () => {
    expect(await (await fetch(`${url}/vendor/push`)).text()).toBe('verified by koa');
    expect((await fetch(`${url}/vendor/push`, { method: 'PUT' })).status).toBe(405);
    expect((await fetch(`${url}/elsewhere`, { method: 'POST' })).status).toBe(404);
  });
});
