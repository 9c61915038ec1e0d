import type { Db } from '../../src/store/db';
import { ApiUnavailableError, createApiCaller, requestJson } from '../wechat-common/api';
import { describeErrcode, type WechatErr } from '../wechat-common/errcodes';
import { fetchWechatMedia } from '../wechat-common/media';
import { createTokenCache } from '../../src/store/tokenCache';

export { ApiUnavailableError };

/** One item of sync_msg's msg_list (protocols.md §2); only the fields Kefu reads. */
export interface KfMessage {
  msgid: string;
  open_kfid: string;
  external_userid?: string;
  send_time: number;
  origin: number; // 3 customer, 4 system event, 5 human agent
  msgtype: string;
  text?: { content: string };
  /** Media items carry a media_id for media/get (voice as AMR unless sync_msg asked for voice_format 1). */
  image?: { media_id: string };
  voice?: { media_id: string };
  video?: { media_id: string };
  file?: { media_id: string };
  event?: { event_type: string; fail_type?: number; welcome_code?: string; external_userid?: string; fail_msgid?: string };
}

export interface SyncPage {
  next_cursor: string;
  has_more: number;
  msg_list: KfMessage[];
}

/** The WeCom kf API (§2): access_token cached in SQLite, sync_msg, send_msg, service_state. */
export function createKfApi(deps: {
  db: Db;
  corpId: string;
  secret: string;
  apiBase: string;
  now(): number;
  onError(err: WechatErr): void;
  onTokenRefresh?(ok: boolean): void;
}) {
  const tokens = createTokenCache({
    db: deps.db,
    key: `wecom-kf:token:${deps.corpId}`,
    now: deps.now,
    onRefresh: deps.onTokenRefresh,
    async fetch() {
      const q = new URLSearchParams({ corpid: deps.corpId, corpsecret: deps.secret });
      const reply = await requestJson(`${deps.apiBase}/cgi-bin/gettoken?${q}`);
      if (reply.errcode || typeof reply.access_token !== 'string') {
        const err: WechatErr = {
          ...describeErrcode(reply.errcode ?? -1, reply.errmsg),
          kind: 'config',
          message: `${reply.errcode} 获取企业微信 access_token 失败（${reply.errmsg ?? ''}）：请检查 KEFU_WECOM_CORPID、KEFU_WECOM_SECRET（微信客服应用的 Secret）和 IP 白名单`,
        };
        deps.onError(err);
        throw new KfApiError(err);
      }
      return { token: reply.access_token, expiresInS: Number(reply.expires_in) || 7200 };
    },
  });
  const call = createApiCaller(deps.apiBase, tokens, deps.onError);

  /** Calls and unwraps: a non-zero errcode becomes KfApiError. */
  async function post<T>(path: string, body: object): Promise<T> {
    const { reply, error } = await call(path, body);
    if (error) throw new KfApiError(error);
    return reply as T;
  }

  return {
    /** A customer's picture or voice by media_id (media/get), the token kept here. */
    media: (mediaId: string, maxBytes: number) => fetchWechatMedia(deps.apiBase, tokens, mediaId, maxBytes, deps.onError),
    syncMsg: (body: { cursor?: string; token?: string; open_kfid: string; limit: number }) => post<SyncPage>('/cgi-bin/kf/sync_msg', body),
    sendText: (toUser: string, openKfId: string, content: string) =>
      post<{ msgid: string }>('/cgi-bin/kf/send_msg', { touser: toUser, open_kfid: openKfId, msgtype: 'text', text: { content } }),
    /** A message bound to an event's one-time code (enter_session's welcome_code, trans's msg_code), valid 20 s. */
    sendOnEvent: (code: string, content: string) =>
      post<{ msgid?: string }>('/cgi-bin/kf/send_msg_on_event', { code, msgtype: 'text', text: { content } }),
    serviceState: (openKfId: string, externalUserId: string) =>
      post<{ service_state: number }>('/cgi-bin/kf/service_state/get', { open_kfid: openKfId, external_userid: externalUserId }),
    transState: (openKfId: string, externalUserId: string, serviceState: number) =>
      post<{ msg_code?: string }>('/cgi-bin/kf/service_state/trans', {
        open_kfid: openKfId,
        external_userid: externalUserId,
        service_state: serviceState,
      }),
  };
}

export type KfApi = ReturnType<typeof createKfApi>;

export class KfApiError extends Error {
  constructor(readonly err: WechatErr) {
    super(err.message);
  }
}
