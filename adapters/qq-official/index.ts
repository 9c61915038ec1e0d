import { fetchLimited } from '../../src/media/fetchLimited';
import type { Opinion } from '../../src/core/opinion';
import type Router from '@koa/router';
import type { KefuEvents } from '../../src/core/events';
import type { Address, Channel, HandleResult, InboundMessage, OutboundMessage, SendResult } from '../../src/core/types';
import { wellFormed } from '../../src/core/wellFormed';
import type { Db } from '../../src/store/db';
import { takePassiveReplySeq } from '../../src/store/qqPassiveReplies';
import { createQqApi } from './api';
import { PASSIVE_MAX_REPLIES, passiveReachability, replyContextOf } from './passive';
import { botKeys } from './sign';
import { mountWebhook, type QqLog } from './webhook';

export const QQ_WEBHOOK_PATH = '/qq/webhook';
/** Callbacks are a few kilobytes; anything near this is not QQ. */
const MAX_BODY_BYTES = 256 * 1024;

export interface QqOfficialDeps {
  config: { appId: string; secret: string; apiBase: string; authBase: string };
  db: Db;
  handle(msg: InboundMessage, delivery: 'inline' | 'outbox', opinion?: Opinion): HandleResult;
  /** The LLM's second opinion, asked before handling (within its budget); absent: never waited for. */
  consult?(msg: InboundMessage): Promise<Opinion | undefined>;
  events: KefuEvents;
  log: QqLog;
  now(): number;
}

/**
 * The QQ official bot (q.qq.com) in webhook mode at /qq/webhook (protocols.md §4). Callbacks are acknowledged
 * at once; every reply, the bot's and an agent's, goes through the outbox as a passive reply to the player's
 * latest message, numbered msg_seq 1, 2, 3… and refused with a reason once its window has closed.
 */
export function createQqOfficialChannel(deps: QqOfficialDeps): Channel {
  const { config, db } = deps;
  const keys = botKeys(config.secret);
  const api = createQqApi({
    ...config,
    db,
    now: deps.now,
    onTokenRefresh: (ok) => deps.events.emit('channel', { channel: 'qq-official', kind: ok ? 'token_refreshed' : 'token_refresh_failed' }),
  });
  const chats = new Map<string, Promise<SendResult>>();

  async function deliver(to: Address, msg: OutboundMessage): Promise<SendResult> {
    const now = deps.now();
    const context = replyContextOf(to);
    const reach = passiveReachability(db, to, now);
    // Only time closes the window for a retry: it keeps the msg_seq it was given even when all five are taken.
    if (!context || now >= reach.until!) return { ok: false, retry: false, error: reach.reason! };
    const seq = takePassiveReplySeq(db, { appId: config.appId, msgId: context.msgId, messageId: msg.messageId ?? 0, at: now }, PASSIVE_MAX_REPLIES);
    if (seq === undefined) return { ok: false, retry: false, error: reach.reason ?? `这条玩家消息已回复 ${PASSIVE_MAX_REPLIES} 次` };
    // wellFormed: an id stored before ids were cleaned at the door could make encodeURIComponent throw.
    const inPath = (id: string) => encodeURIComponent(wellFormed(id));
    const path = context.scope === 'group' ? `/v2/groups/${inPath(to.groupId ?? '')}/messages` : `/v2/users/${inPath(to.userId)}/messages`;
    return api.reply(path, { content: msg.text, msg_type: 0, msg_id: context.msgId, msg_seq: seq });
  }

  /** One send at a time per chat: msg_seq numbers go out in the order of the answer's parts. */
  function send(to: Address, msg: OutboundMessage): Promise<SendResult> {
    const key = to.groupId ? `g${to.groupId}` : `u${to.userId}`;
    const go = () => deliver(to, msg);
    const turn = (chats.get(key) ?? Promise.resolve(undefined)).then(go, go); // a failed send does not stop the next
    chats.set(key, turn);
    // Both arms handled: a finally() chain would re-reject with nobody listening and end the process.
    const release = () => void (chats.get(key) === turn && chats.delete(key));
    turn.then(release, release);
    return turn;
  }

  return {
    id: 'qq-official',
    routes(router: Router) {
      mountWebhook(router, {
        path: QQ_WEBHOOK_PATH,
        maxBytes: MAX_BODY_BYTES,
        appId: config.appId,
        keys,
        db,
        now: deps.now,
        log: deps.log,
        async receive(msg) {
          const result = deps.handle(msg, 'outbox', await deps.consult?.(msg));
          if (!result.duplicate && result.replies.length) deps.events.emit('queued');
          return result;
        },
      });
    },
    send,
    // Attachment URLs need no token (protocols.md §4): fetched as given.
    fetchMedia: async (_account, media, maxBytes) =>
      media.url ? fetchLimited(media.url, maxBytes) : { ok: false, status: 404, error: '这条消息的附件没有地址' },
    reachability: (to) => passiveReachability(db, to, deps.now()),
    health() {
      const error = api.tokenError();
      return error ? { ok: false, detail: `${error}: check KEFU_QQ_APPID and KEFU_QQ_SECRET` } : { ok: true };
    },
  };
}
