import { WebSocket } from 'ws';
import type { OnebotLog } from './log';

/** Reconnect after 1 s, 2 s, 4 s … at most 30 s; a connection that opens resets the delay (protocols.md §3.5). */
export function reconnectDelayMs(failures: number): number {
  return Math.min(30_000, 1000 * 2 ** failures);
}

export interface ForwardOptions {
  url: string;
  accessToken?: string;
  maxPayload: number;
  log: OnebotLog;
  onSocket(ws: WebSocket): void;
}

/**
 * Forward-WebSocket client mode (§3.2): Kefu connects to the OneBot implementation's Universal endpoint
 * and keeps reconnecting with backoff while it runs. Returns the function that stops it.
 */
export function startForward(opts: ForwardOptions): () => void {
  let stopped = false;
  let failures = 0;
  let socket: WebSocket | undefined;
  let timer: NodeJS.Timeout | undefined;
  const where = new URL(opts.url).host; // never the query: it may carry ?access_token=

  function connect(): void {
    const headers: Record<string, string> = opts.accessToken ? { Authorization: `Bearer ${opts.accessToken}` } : {};
    const ws = new WebSocket(opts.url, { headers, maxPayload: opts.maxPayload });
    socket = ws;
    ws.on('open', () => {
      failures = 0;
      opts.log.info({ where }, 'OneBot forward WebSocket connected');
      opts.onSocket(ws);
    });
    ws.on('error', (err) => opts.log.warn({ where, err: err.message }, 'OneBot forward WebSocket error'));
    ws.on('close', () => {
      if (stopped) return;
      const delay = reconnectDelayMs(failures++);
      opts.log.warn({ where, delay }, 'OneBot forward WebSocket closed: reconnecting');
      timer = setTimeout(connect, delay);
      timer.unref();
    });
  }

  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    socket?.close(1001, 'Kefu is stopping');
    if (socket) setTimeout(() => socket?.terminate(), 500).unref();
  };
}
