import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { OnebotLog } from './log';
import { presentedToken, tokenMatches } from './signature';

export interface ReverseOptions {
  path: string;
  accessToken?: string;
  maxPayload: number;
  log: OnebotLog;
  /** A bot connected; `selfId` is its X-Self-ID header, when sent. */
  onSocket(ws: WebSocket, selfId: string | undefined): void;
}

function refuse(socket: Duplex, status: 401 | 400, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Bad Request'}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
}

/**
 * The reverse WebSocket (protocols.md §3.2): OneBot connects to us in the Universal role. The token is
 * checked before the upgrade is accepted; without a configured token every upgrade is refused. Returns the
 * function that stops accepting and closes the open sockets (1001 going away).
 */
export function attachReverse(server: Server, opts: ReverseOptions): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayload });

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://kefu');
    if (url.pathname !== opts.path) return;
    if (!opts.accessToken) {
      opts.log.warn({}, 'OneBot reverse WebSocket refused: set KEFU_ONEBOT_ACCESS_TOKEN (and the same token in NapCat/Lagrange)');
      return refuse(socket, 401, 'KEFU_ONEBOT_ACCESS_TOKEN is not set');
    }
    if (!tokenMatches(presentedToken(req.headers.authorization, url.searchParams), opts.accessToken)) {
      opts.log.warn({}, 'OneBot reverse WebSocket refused: wrong or missing access token');
      return refuse(socket, 401, 'wrong or missing access token');
    }
    const role = req.headers['x-client-role'];
    if (role !== undefined && String(role).toLowerCase() !== 'universal') return refuse(socket, 400, 'only the Universal role is supported');
    const selfId = req.headers['x-self-id'];
    wss.handleUpgrade(req, socket, head, (ws) => opts.onSocket(ws, typeof selfId === 'string' && selfId ? selfId : undefined));
  }

  server.on('upgrade', onUpgrade);
  return () => {
    server.off('upgrade', onUpgrade);
    for (const ws of wss.clients) {
      ws.close(1001, 'Kefu is stopping');
      setTimeout(() => ws.terminate(), 500).unref();
    }
    wss.close();
  };
}
