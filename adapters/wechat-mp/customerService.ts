import type { Address, OutboundMessage, SendResult } from '../../src/core/types';
import type { Db } from '../../src/store/db';
import { closeReplyWindow, useReplyWindow } from '../../src/store/replyWindows';
import { ApiUnavailableError, createApiCaller, requestJson } from '../wechat-common/api';
import { describeErrcode, type WechatErr } from '../wechat-common/errcodes';
import { fetchWechatMedia } from '../wechat-common/media';
import { windowReachability } from '../wechat-common/reachability';
import { createTokenCache } from '../../src/store/tokenCache';

export interface CustomerServiceDeps {
  db: Db;
  appId: string;
  secret: string;
  apiBase: string;
  now(): number;
  /** Every API error, for health() and the logs. */
  onError(err: WechatErr): void;
  onTokenRefresh?(ok: boolean): void;
}

/** The token endpoint's own errors (40164 IP not allow-listed, 40125 bad secret…) come back as this. */
export class TokenError extends Error {
  constructor(readonly err: WechatErr) {
    super(err.message);
  }
}

/** The customer-service message API (客服消息, §1.7) with its cached access_token (§1.6). */
export function createCustomerService(deps: CustomerServiceDeps) {
  const tokens = createTokenCache({
    db: deps.db,
    key: `wechat-mp:token:${deps.appId}`,
    now: deps.now,
    onRefresh: deps.onTokenRefresh,
    async fetch() {
      const q = new URLSearchParams({ grant_type: 'client_credential', appid: deps.appId, secret: deps.secret });
      const reply = await requestJson(`${deps.apiBase}/cgi-bin/token?${q}`);
      if (reply.errcode || typeof reply.access_token !== 'string') {
        const err = describeErrcode(reply.errcode ?? -1, reply.errmsg);
        deps.onError(err);
        throw new TokenError(err);
      }
      return { token: reply.access_token, expiresInS: Number(reply.expires_in) || 7200 };
    },
  });
  const call = createApiCaller(deps.apiBase, tokens, deps.onError);

  return {
    /** A player's picture or voice by media_id (media/get), the token kept here. */
    media: (mediaId: string, maxBytes: number) => fetchWechatMedia(deps.apiBase, tokens, mediaId, maxBytes, deps.onError),
    /** Sends one message if the window allows; a refusal says why in Chinese and is not retried. */
    async send(to: Address, msg: OutboundMessage): Promise<SendResult> {
      const reach = windowReachability(deps.db, to, deps.now());
      if (!reach.reachable) return { ok: false, retry: false, error: reach.reason ?? '玩家当前无法接收消息' };
      const body =
        msg.kind === 'image' && msg.mediaId
          ? { touser: to.userId, msgtype: 'image', image: { media_id: msg.mediaId } }
          : { touser: to.userId, msgtype: 'text', text: { content: msg.text } };
      try {
        const { error } = await call('/cgi-bin/message/custom/send', body);
        if (!error) {
          useReplyWindow(deps.db, to);
          return { ok: true };
        }
        if (error.errcode === 45015) closeReplyWindow(deps.db, to, deps.now());
        if (error.errcode === 45047) useReplyWindow(deps.db, to, true);
        return { ok: false, retry: error.kind === 'retry' || error.kind === 'token', error: error.message };
      } catch (err) {
        if (err instanceof TokenError) return { ok: false, retry: false, error: err.message };
        if (err instanceof ApiUnavailableError) return { ok: false, retry: true, error: err.message };
        throw err;
      }
    },
  };
}
