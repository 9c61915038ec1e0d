import Router from '@koa/router';
import Koa from 'koa';
import { resolve } from 'node:path';
import type { Registry } from 'prom-client';
import type { Channel } from '../core/types';
import type { Logger } from '../log';
import type { Db } from '../store/db';
import { errorHandler, requestLog } from './errors';
import { serveFolder } from './static';
import { webchatOrigins } from './webchatOrigins';

export const WEB_DIR = resolve(__dirname, '../web');

export interface AppDeps {
  db: Db;
  log: Logger;
  metrics: Registry;
  channels: Channel[];
  /** Proxies in front whose X-Forwarded-For / -Proto are believed (KEFU_TRUST_PROXY); 0 or unset: none. */
  trustProxy?: number;
  /** Game pages allowed to embed the web chat (KEFU_WEBCHAT_ORIGINS). */
  webchatOrigins?: string[];
  /** Further routes (the agent API, operator API) mounted by their own modules. */
  mount?: ((router: Router) => void)[];
}

/** Builds the HTTP app from its dependencies; never listens (main.ts and tests do). */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  // X-Forwarded-* are the client's to write unless a proxy we know sets them: believed only when configured,
  // and then only the last `trustProxy` addresses (the ones our proxies appended), never one the client sent.
  app.proxy = (deps.trustProxy ?? 0) > 0;
  app.maxIpsCount = deps.trustProxy ?? 0;
  const router = new Router();

  router.get('/healthz', (ctx) => {
    let database = 'open';
    try {
      deps.db.prepare('SELECT 1').get();
    } catch {
      database = 'closed';
    }
    const channels = Object.fromEntries(deps.channels.map((c) => [c.id, c.health?.() ?? { ok: true }]));
    ctx.status = database === 'open' ? 200 : 503;
    ctx.body = { ok: database === 'open', database, channels };
  });

  router.get('/metrics', async (ctx) => {
    ctx.type = deps.metrics.contentType;
    ctx.body = await deps.metrics.metrics();
  });

  serveFolder(router, '/chat', resolve(WEB_DIR, 'chat'));
  router.get('/', (ctx) => ctx.redirect('/chat'));
  // The channels' webhooks on a router of their own, tried first: a vendor's push is matched against a
  // handful of routes instead of all of them (126 with the consoles' APIs, each a regular expression).
  // Both routers record what matched in ctx.matched, so the last allowedMethods answers 405/OPTIONS for all.
  const channelRouter = new Router();
  for (const channel of deps.channels) channel.routes?.(channelRouter);
  for (const mount of deps.mount ?? []) mount(router);

  app.use(requestLog(deps.log));
  app.use(errorHandler(deps.log));
  app.use(webchatOrigins(deps.webchatOrigins ?? []));
  app.use(channelRouter.routes());
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
