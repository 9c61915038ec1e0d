import type { RawData, WebSocket } from 'ws';
import type { OnebotLog } from './log';
import { untrusted } from '../../src/log';

/** An action's answer (protocols.md §3.3). */
export interface ActionResponse {
  status: 'ok' | 'async' | 'failed';
  retcode: number;
  data: Record<string, unknown> | null;
  message?: string;
  wording?: string;
}

/** The link broke or the implementation never answered: worth retrying, unlike a `failed` status. */
export class ActionUnanswered extends Error {}

export interface OnebotConnection {
  /** Sends an action and waits for the response carrying the same echo, or rejects with ActionUnanswered. */
  call(action: string, params: object): Promise<ActionResponse>;
}

export interface ConnectionOptions {
  timeoutMs: number;
  onEvent(event: Record<string, unknown>): void;
  onClose(): void;
  log: OnebotLog;
}

let echoes = 0;

/**
 * One Universal WebSocket (reverse or forward): events and action responses share it, told apart by
 * `post_type` versus `echo` (§3.3). Responses are matched by echo; a close fails every call still waiting.
 */
export function wrapSocket(ws: WebSocket, opts: ConnectionOptions): OnebotConnection {
  const waiting = new Map<string, { resolve(r: ActionResponse): void; reject(e: Error): void; timer: NodeJS.Timeout }>();

  ws.on('message', (data: RawData) => {
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return opts.log.warn({ bytes: data.toString().length }, 'OneBot frame is not JSON: ignored');
    }
    if (typeof frame !== 'object' || frame === null) return opts.log.warn({}, 'OneBot frame is not an object: ignored');
    const f = frame as Record<string, unknown>;
    if (typeof f.post_type === 'string') {
      try {
        opts.onEvent(f);
      } catch (err) {
        opts.log.error({ err: (err as Error).message, postType: untrusted(f.post_type) }, 'OneBot event failed'); // the socket keeps serving
      }
      return;
    }
    const pending = f.echo === undefined ? undefined : waiting.get(String(f.echo));
    if (!pending) return opts.log.debug({ echo: untrusted(f.echo) }, 'OneBot response without a waiting action: ignored');
    waiting.delete(String(f.echo));
    clearTimeout(pending.timer);
    pending.resolve(f as unknown as ActionResponse);
  });
  ws.on('close', () => {
    for (const [echo, p] of waiting) {
      clearTimeout(p.timer);
      p.reject(new ActionUnanswered('OneBot connection closed before the answer'));
      waiting.delete(echo);
    }
    opts.onClose();
  });
  ws.on('error', (err) => opts.log.warn({ err: err.message }, 'OneBot connection error'));

  return {
    call(action, params) {
      if (ws.readyState !== ws.OPEN) return Promise.reject(new ActionUnanswered('OneBot connection is not open'));
      const echo = `kefu-${++echoes}`;
      return new Promise<ActionResponse>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(echo);
          reject(new ActionUnanswered(`${action}: no answer within ${opts.timeoutMs} ms`));
        }, opts.timeoutMs);
        waiting.set(echo, { resolve, reject, timer });
        ws.send(JSON.stringify({ action, params, echo }));
      });
    },
  };
}
