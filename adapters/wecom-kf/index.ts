import type Router from '@koa/router';
import type { Context } from 'koa';
import type { KefuEvents, TicketEvent } from '../../src/core/events';
import type { Address, Channel, OutboundMessage, SendResult } from '../../src/core/types';
import { httpError, readRawBody } from '../../src/http/body';
import { checkFresh, secondsToMs } from '../../src/http/replay';
import type { Db } from '../../src/store/db';
import { useReplyWindow } from '../../src/store/replyWindows';
import { createWechatCipher, DecryptError, signatureMatches, wechatSignature } from '../wechat-common/crypto';
import { maskId, type ChannelLog, type ConsultInbound, type HandleInbound } from '../wechat-common/deps';
import type { WechatErr } from '../wechat-common/errcodes';
import { windowReachability } from '../wechat-common/reachability';
import { loadWelcome } from '../wechat-common/welcome';
import { parseWechatXml, XmlError } from '../wechat-common/xml';
import { ApiUnavailableError, createKfApi, KfApiError } from './api';
import { createKfSync } from './sync';

export const WECOM_KF_PATH = '/wecom/kf';
const MAX_BODY_BYTES = 64 * 1024;

export interface WecomKfDeps {
  config: { corpId: string; secret: string; token: string; aesKey: string; apiBase: string };
  db: Db;
  handle: HandleInbound;
  consult?: ConsultInbound;
  events: KefuEvents;
  /** Where a ticket's conversation is answered (its player's channel address). */
  ticketAddress(ticketId: number): Address | undefined;
  log: ChannelLog;
  now(): number;
  /** The FAQ folder, for the welcome file sent when a player opens a session. */
  faqDir: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * WeCom customer service (微信客服) at /wecom/kf (protocols.md §2): encrypted callbacks only say "there is
 * news" (kf_msg_or_event); messages are pulled with sync_msg and answered with send_msg through the outbox.
 */
export function createWecomKfChannel(deps: WecomKfDeps): Channel {
  const { config, log } = deps;
  const cipher = createWechatCipher(config.aesKey, config.corpId);
  let configError: WechatErr | undefined;
  const api = createKfApi({
    ...config,
    db: deps.db,
    now: deps.now,
    onTokenRefresh: (ok) => deps.events.emit('channel', { channel: 'wecom-kf', kind: ok ? 'token_refreshed' : 'token_refresh_failed' }),
    onError(err) {
      if (err.kind === 'config') configError = err;
      log.error({ errcode: err.errcode }, `WeCom API: ${err.message}`);
    },
  });
  const sync = createKfSync({ ...deps, api, welcome: () => loadWelcome(deps.faqDir) });

  /** Verifies msg_signature over the encrypted part and decrypts it (CorpID checked): 401/400 otherwise. */
  function open(ctx: Context, encrypted: string): string {
    const timestamp = str(ctx.query.timestamp);
    const nonce = str(ctx.query.nonce);
    if (!encrypted || !signatureMatches(ctx.query.msg_signature, wechatSignature(config.token, timestamp, nonce, encrypted))) {
      throw httpError(401, 'bad msg_signature');
    }
    try {
      return cipher.decrypt(encrypted);
    } catch (err) {
      if (err instanceof DecryptError) throw httpError(400, `cannot decrypt: ${err.message}`);
      throw err;
    }
  }

  function fields(xml: string): Record<string, string> {
    try {
      return parseWechatXml(xml);
    } catch (err) {
      if (err instanceof XmlError) throw httpError(400, err.message);
      throw err;
    }
  }

  /**
   * On handoff, tell WeCom the session is taken (0 → 1). Kefu's agents answer through send_msg, which WeCom
   * allows only in states 0 and 1 (§2); states 2 and 3 belong to WeCom's own servicers and would lock them out.
   */
  async function onTicket(e: TicketEvent): Promise<void> {
    if (e.kind !== 'created') return;
    const to = deps.ticketAddress(e.ticketId);
    if (to?.channel !== 'wecom-kf') return;
    const { service_state } = await api.serviceState(to.account, to.userId);
    if (service_state === 0) await api.transState(to.account, to.userId, 1);
    else if (service_state !== 1) log.warn({ userId: maskId(to.userId), service_state }, 'WeCom session is with a WeCom servicer: Kefu cannot reply');
  }
  const ticketListener = (e: TicketEvent) => void onTicket(e).catch((err) => log.error({ err: (err as Error).message }, 'WeCom service_state update failed'));

  return {
    id: 'wecom-kf',
    routes(router: Router) {
      // URL verification: the echostr is encrypted here, unlike the Official Account's (§2).
      router.get(WECOM_KF_PATH, (ctx) => {
        ctx.type = 'text/plain';
        ctx.body = open(ctx, str(ctx.query.echostr));
      });
      router.post(WECOM_KF_PATH, async (ctx) => {
        const raw = await readRawBody(ctx, MAX_BODY_BYTES);
        const outer = fields(raw.toString('utf8'));
        const inner = fields(open(ctx, outer.Encrypt ?? ''));
        // A replay (stale, or a nonce reused with another body) is 401; WeCom's own retry is answered but
        // pulls nothing: a replayed callback must not start another sync_msg round.
        const freshness = checkFresh(deps.db, { channel: 'wecom-kf', nonce: `${str(ctx.query.timestamp)}:${str(ctx.query.nonce)}`, timestampMs: secondsToMs(str(ctx.query.timestamp)), body: raw }, deps.now());
        ctx.type = 'text/plain';
        ctx.body = 'success'; // at once; the messages are pulled after the response (§2)
        if (freshness === 'fresh' && inner.Event === 'kf_msg_or_event' && inner.OpenKfId) {
          void sync.pull(inner.OpenKfId, inner.Token).catch((err) => log.error({ err: (err as Error).message }, 'WeCom sync_msg failed'));
        }
      });
    },
    async start() {
      deps.events.on('ticket', ticketListener);
    },
    async stop() {
      deps.events.off('ticket', ticketListener);
      await sync.idle();
    },
    async fetchMedia(_account, media, maxBytes) {
      if (!media.mediaId) return { ok: false, status: 404, error: '这条消息没有 media_id' };
      return api.media(media.mediaId, maxBytes);
    },
    async send(to: Address, msg: OutboundMessage): Promise<SendResult> {
      const reach = windowReachability(deps.db, to, deps.now());
      if (!reach.reachable) return { ok: false, retry: false, error: reach.reason ?? '玩家当前无法接收消息' };
      try {
        const { msgid } = await api.sendText(to.userId, to.account, msg.text);
        useReplyWindow(deps.db, to);
        configError = undefined;
        return { ok: true, externalId: msgid };
      } catch (err) {
        if (err instanceof KfApiError) return { ok: false, retry: err.err.kind === 'retry' || err.err.kind === 'token', error: err.message };
        if (err instanceof ApiUnavailableError) return { ok: false, retry: true, error: err.message };
        throw err;
      }
    },
    reachability: (to) => windowReachability(deps.db, to, deps.now()),
    health: () => (configError ? { ok: false, detail: `微信客服接口配置错误 ${configError.message}` } : { ok: true }),
  };
}
