import type { Middleware } from 'koa';

/**
 * Who may embed the web chat and call its API from a browser: the chat's own origin and the game origins in
 * KEFU_WEBCHAT_ORIGINS. /chat may be framed only by them (CSP frame-ancestors); /webchat/api answers their
 * CORS requests, and refuses a request from any other page with 403.
 */
export function webchatOrigins(allowed: string[]): Middleware {
  const frameAncestors = ["'self'", ...allowed].join(' ');
  return async (ctx, next) => {
    if (ctx.path === '/chat' || ctx.path.startsWith('/chat/')) {
      ctx.set('Content-Security-Policy', `frame-ancestors ${frameAncestors}`);
      return next();
    }
    if (!ctx.path.startsWith('/webchat/api/')) return next();
    const origin = ctx.get('origin');
    // The chat page's own calls (koa 3's ctx.origin is the Origin header, so the host is compared instead).
    if (!origin || origin === `${ctx.protocol}://${ctx.host}`) return next();
    ctx.vary('Origin');
    if (!allowed.includes(origin)) {
      ctx.status = 403;
      ctx.body = { error: `origin ${origin} is not allowed (KEFU_WEBCHAT_ORIGINS)` };
      return;
    }
    ctx.set('Access-Control-Allow-Origin', origin);
    if (ctx.method === 'OPTIONS') {
      ctx.set('Access-Control-Allow-Methods', 'GET, POST');
      ctx.set('Access-Control-Allow-Headers', 'content-type');
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    return next();
  };
}
