import type { ServerResponse } from 'node:http';
import type { KefuEvents } from '../../core/events';
import { ALL_ROLES, type apiRoutes } from './guard';

/** Comments every 25 s keep proxies from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;

/**
 * Live updates for the console as Server-Sent Events: `ticket` (created, claimed, replied, sla_breached…),
 * `message` (a player wrote, a reply was stored), `delivery` (sent / failed) and `alert` (for supervisors). The console re-reads
 * what changed; the events carry ids, not content.
 */
export function eventRoutes(api: ReturnType<typeof apiRoutes>, events: KefuEvents) {
  const streams = new Set<ServerResponse>();

  api.route('get', '/api/events', ALL_ROLES, (ctx) => {
    // The stream is written directly (koa would report a browser hanging up as an error).
    const res = ctx.res;
    ctx.respond = false;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
    const send = (event: string, data: object) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const onTicket = (e: object) => send('ticket', e);
    const onMessage = (e: { ticketId: number | null }) => e.ticketId && send('message', e);
    const onDelivery = (e: object) => send('delivery', e);
    // Supervisors' alerts (a critical bug report, an overdue follow-up): ids only, the list is GET /api/alerts.
    const onAlert = (e: object) => send('alert', e);
    events.on('ticket', onTicket);
    events.on('message', onMessage);
    events.on('delivery', onDelivery);
    events.on('alert', onAlert);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    ctx.req.socket.setTimeout(0);
    streams.add(res);
    res.once('close', () => {
      clearInterval(heartbeat);
      events.off('ticket', onTicket);
      events.off('message', onMessage);
      events.off('delivery', onDelivery);
      events.off('alert', onAlert);
      streams.delete(res);
    });
    res.write('retry: 3000\n\n');
  });

  return {
    /** Ends every open stream, so a shutdown does not wait for browsers to hang up. */
    closeAll(): void {
      for (const s of streams) s.end();
    },
  };
}
