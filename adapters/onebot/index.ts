import type Router from '@koa/router';
import type { Server } from 'node:http';
import type { WebSocket } from 'ws';
import type { Address, Channel, HandleResult, InboundMessage, OutboundMessage, SendResult } from '../../src/core/types';
import { createBotRegistry } from './bots';
import { ActionUnanswered, wrapSocket } from './connection';
import { startForward } from './forward';
import { mountHttpPost } from './http';
import type { OnebotLog } from './log';
import type { ChannelSignal } from '../../src/core/events';
import { idOf, parseEvent } from './parse';
import { fetchOnebotMedia } from './media';
import { replySegments, sendAction } from './reply';
import { attachReverse } from './reverse';
import { untrusted } from '../../src/log';

export const ONEBOT_PATH = '/onebot';
export const ONEBOT_WS_PATH = '/onebot/ws';
/** Far above any chat message; a bigger body is 413 and a bigger frame closes the socket (1009). */
export const MAX_EVENT_BYTES = 1024 * 1024;
const KNOWN_POST_TYPES = new Set(['message', 'message_sent', 'notice', 'request', 'meta_event']);

export interface OnebotDeps {
  config: { accessToken?: string; secret?: string; wsUrl?: string };
  /** The pipeline's group-commit entry: a burst of events shares transactions, each answered once committed. */
  handleTogether(msg: InboundMessage, delivery: 'inline' | 'outbox'): Promise<HandleResult>;
  confirmInline(messageIds: number[]): void;
  log: OnebotLog;
  now(): number;
  /** How long an action may wait for its response (default 10 s). */
  actionTimeoutMs?: number;
  /** Health signals for /metrics (heartbeats). */
  signal?(kind: ChannelSignal): void;
}

const addressOf = (msg: InboundMessage): Address => ({ channel: 'onebot', account: msg.account, ...msg.from, replyContext: msg.replyContext });

/**
 * QQ through OneBot v11 (NapCat, Lagrange, go-cqhttp; protocols.md §3): HTTP POST reports at /onebot,
 * a reverse WebSocket at /onebot/ws and, when KEFU_ONEBOT_WS_URL is set, a forward WebSocket. Each bot
 * account (self_id) is its own account; replies go back over the socket the account last spoke on.
 */
export function createOnebotChannel(deps: OnebotDeps): Channel {
  const { config, log } = deps;
  const bots = createBotRegistry(log, undefined, () => deps.signal?.('heartbeat'));
  const chats = new Map<string, Promise<SendResult>>();
  let stopForward: (() => void) | undefined;

  /** Any transport's event: meta events feed the heartbeat watch, messages go through the pipeline. */
  function receive(event: Record<string, unknown>): Promise<{ msg: InboundMessage; result: HandleResult }> | undefined {
    if (event.post_type === 'meta_event') return void bots.meta(event);
    const msg = parseEvent(event, deps.now());
    if (msg) return deps.handleTogether(msg, 'inline').then((result) => ({ msg, result }));
    if (!KNOWN_POST_TYPES.has(String(event.post_type))) log.debug({ postType: untrusted(event.post_type) }, 'OneBot event with an unknown post_type ignored');
  }

  async function deliver(to: Address, msg: OutboundMessage): Promise<SendResult> {
    const connection = bots.connection(to.account);
    if (!connection) return { ok: false, retry: true, error: `QQ 机器人 ${to.account} 没有连接（OneBot WebSocket 未连上）` };
    const { action, params } = sendAction(to, replySegments(to, msg.text));
    try {
      const res = await connection.call(action, params);
      if (res.status !== 'ok' && res.status !== 'async') {
        return { ok: false, retry: false, error: `${action} 失败：retcode ${res.retcode} ${res.wording ?? res.message ?? ''}`.trim() };
      }
      return { ok: true, externalId: idOf(res.data?.message_id) };
    } catch (err) {
      if (err instanceof ActionUnanswered) return { ok: false, retry: true, error: err.message };
      throw err;
    }
  }

  /** One send at a time per chat, so a multi-part answer arrives in order. */
  function send(to: Address, msg: OutboundMessage): Promise<SendResult> {
    const key = `${to.account}/${to.groupId ? `g${to.groupId}` : `u${to.userId}`}`;
    const go = () => deliver(to, msg);
    const turn = (chats.get(key) ?? Promise.resolve(undefined)).then(go, go); // a failed send does not stop the next
    chats.set(key, turn);
    // Both arms handled: a finally() chain would re-reject with nobody listening and end the process.
    const release = () => void (chats.get(key) === turn && chats.delete(key));
    turn.then(release, release);
    return turn;
  }

  /** Answers over the socket; what cannot be sent stays in the outbox for the worker (after its grace). */
  async function answer(msg: InboundMessage, result: HandleResult): Promise<void> {
    if (result.duplicate) return; // a reconnect's replay was answered the first time (§3.5)
    for (const reply of result.replies) {
      const sent = await send(addressOf(msg), reply);
      if (!sent.ok) return log.warn({ selfId: msg.account, error: sent.error }, 'OneBot reply left to the outbox');
      deps.confirmInline([reply.messageId!]);
    }
  }

  function onSocket(ws: WebSocket, selfId?: string): void {
    const connection = wrapSocket(ws, {
      timeoutMs: deps.actionTimeoutMs ?? 10_000,
      log,
      onClose: () => bots.disconnected(connection),
      onEvent(event) {
        const eventSelfId = idOf(event.self_id);
        if (eventSelfId) bots.connected(eventSelfId, connection);
        const handled = receive(event);
        if (handled) void handled.then((h) => answer(h.msg, h.result)).catch((err) => log.error({ err: (err as Error).message }, 'OneBot answer failed'));
      },
    });
    const headerSelfId = idOf(selfId);
    if (headerSelfId) bots.connected(headerSelfId, connection);
  }

  return {
    id: 'onebot',
    routes(router: Router) {
      mountHttpPost(router, {
        path: ONEBOT_PATH,
        maxBytes: MAX_EVENT_BYTES,
        secret: config.secret ?? config.accessToken,
        receive,
        confirmInline: deps.confirmInline,
      });
    },
    attach: (server: Server) =>
      attachReverse(server, { path: ONEBOT_WS_PATH, accessToken: config.accessToken, maxPayload: MAX_EVENT_BYTES, log, onSocket }),
    async start() {
      if (config.wsUrl) {
        stopForward = startForward({ url: config.wsUrl, accessToken: config.accessToken, maxPayload: MAX_EVENT_BYTES, log, onSocket: (ws) => onSocket(ws) });
      }
    },
    send,
    fetchMedia: (account, media, maxBytes) => fetchOnebotMedia(bots.connection(account), account, media, maxBytes),
    reachability: (to) => bots.reachability(to.account),
    health: () => bots.health(),
    async stop() {
      stopForward?.();
      bots.stop();
    },
  };
}
