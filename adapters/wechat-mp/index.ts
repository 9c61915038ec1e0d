import type Router from '@koa/router';
import type { Address, Channel, HandleResult, OutboundMessage, PushAnswer, PushRequest, PushRoute, SendResult } from '../../src/core/types';
import { httpError } from '../../src/http/body';
import { mountPush } from '../../src/http/webhookFront';
import { fetchLimited } from '../../src/media/fetchLimited';
import type { ChannelSignal } from '../../src/core/events';
import type { Db } from '../../src/store/db';
import { createWechatCipher } from '../wechat-common/crypto';
import type { CommitGroup } from '../../src/store/commitGroup';
import type { ChannelLog, ConsultInbound, HandleInboundTogether } from '../wechat-common/deps';
import type { WechatErr } from '../wechat-common/errcodes';
import { answerPush } from './answer';
import { windowReachability } from '../wechat-common/reachability';
import { createCustomerService } from './customerService';
import { encryptedReplyXml, PASSIVE_MAX_BYTES, textReplyXml } from './reply';
import { checkSignature, readPush, type VerifiedPush } from './webhook';

export const WECHAT_MP_PATH = '/wechat/mp';

export interface WechatMpDeps {
  config: { token: string; appId: string; secret?: string; aesKey?: string; apiBase: string };
  faqDir: string;
  db: Db;
  handleTogether: HandleInboundTogether;
  /** The pipeline's commit group: the replay check's nonce joins the shared transaction too. */
  commits?: CommitGroup;
  consult?: ConsultInbound;
  confirmInline(messageIds: number[]): void;
  log: ChannelLog;
  now(): number;
  /** Health signals for /metrics (token refreshes). */
  signal?(kind: ChannelSignal): void;
}

/**
 * The WeChat Official Account (公众号) at /wechat/mp (protocols.md §1): answers inside WeChat's 5-second
 * window with a passive reply (the pipeline is synchronous, so FAQ answers are always ready); what cannot
 * go inline (too long) is pushed through the customer-service API, as are agents' later replies.
 */
export function createWechatMpChannel(deps: WechatMpDeps): Channel {
  const { config, log } = deps;
  const cipher = config.aesKey ? createWechatCipher(config.aesKey, config.appId) : undefined;
  let configError: WechatErr | undefined;
  const onError = (err: WechatErr) => {
    if (err.kind === 'config') configError = err;
    log.error({ errcode: err.errcode }, `WeChat API: ${err.message}`);
  };
  const api = config.secret ? createCustomerService({
        ...deps,
        ...config,
        secret: config.secret,
        onError,
        onTokenRefresh: (ok) => deps.signal?.(ok ? 'token_refreshed' : 'token_refresh_failed'),
      }) : undefined;

  async function send(to: Address, msg: OutboundMessage): Promise<SendResult> {
    if (!api) return { ok: false, retry: false, error: '未配置 KEFU_WECHAT_MP_SECRET：公众号只能被动回复，无法主动发送' };
    const result = await api.send(to, msg);
    if (result.ok) configError = undefined;
    return result;
  }

  /** Replies too long for a passive reply go by the API; the outbox sends whatever this could not. */
  async function pushLater(address: Address, result: HandleResult): Promise<void> {
    for (const r of result.replies) {
      const sent = await send(address, r);
      if (!sent.ok) return void log.warn({ error: sent.error }, 'WeChat reply left to the outbox');
      deps.confirmInline([r.messageId!]);
    }
  }

  function respond(push: VerifiedPush, text: string | undefined): PushAnswer {
    if (!text) return { type: 'text/plain; charset=utf-8', body: 'success' }; // nothing to show and no retry (§1.3)
    const xml = textReplyXml(push.fields.FromUserName, push.fields.ToUserName, text, deps.now());
    return { type: 'application/xml', body: push.encrypted ? encryptedReplyXml(cipher!, config.token, xml, push.timestamp, push.nonce) : xml };
  }

  /**
   * A push: checked, stored with its answer (committed), answered. An inline reply is confirmed just after
   * (the response is written when this returns, before the next turn of the event loop).
   */
  async function post(req: PushRequest): Promise<PushAnswer> {
    const push = await readPush(req, { token: config.token, cipher, db: deps.db, commits: deps.commits, workBefore: !!deps.consult, now: deps.now });
    const answer = await answerPush(deps, push.fields, push.remember);
    if (!answer) throw httpError(400, 'ToUserName, FromUserName, MsgType and CreateTime are required');
    const { result } = answer;
    // With a result, the pipeline's "message handled" line stands for the request's (src/http/errors.ts requestLog).
    const logged = result !== undefined;
    const text = result ? result.replies.map((r) => r.text).join('\n\n') : answer.text;
    if (!result || !text || Buffer.byteLength(text) <= PASSIVE_MAX_BYTES) {
      if (result) deps.confirmInline(result.replies.map((r) => r.messageId!));
      return { ...respond(push, text), logged };
    }
    if (!result.duplicate) {
      const address = { channel: 'wechat-mp' as const, account: push.fields.ToUserName, userId: push.fields.FromUserName };
      void pushLater(address, result).catch((err) => log.error({ err: (err as Error).message }, 'WeChat push failed'));
    }
    return { ...respond(push, undefined), logged };
  }
  const push: PushRoute = { path: WECHAT_MP_PATH, handle: post };

  return {
    id: 'wechat-mp',
    pushes: [push],
    routes(router: Router) {
      router.get(WECHAT_MP_PATH, (ctx) => {
        checkSignature(ctx.query, config.token);
        ctx.type = 'text/plain';
        ctx.body = typeof ctx.query.echostr === 'string' ? ctx.query.echostr : ''; // plaintext even in safe mode (§1.1)
      });
      mountPush(router, push);
    },
    send,
    async fetchMedia(_account, media, maxBytes) {
      // media/get needs the secret; a picture also has its PicUrl, which needs nothing.
      const byApi = api && media.mediaId ? await api.media(media.mediaId, maxBytes) : undefined;
      if (byApi?.ok || (byApi && !media.url)) return byApi;
      if (media.url) return fetchLimited(media.url, maxBytes);
      return { ok: false, status: 503, error: '未配置 KEFU_WECHAT_MP_SECRET：无法通过素材接口取回语音' };
    },
    reachability: (to) =>
      api ? windowReachability(deps.db, to, deps.now()) : { reachable: false, reason: '未配置 KEFU_WECHAT_MP_SECRET，只能在玩家发消息时被动回复' },
    health() {
      if (configError) return { ok: false, detail: `公众号接口配置错误 ${configError.message}` };
      return { ok: true, detail: api ? undefined : 'passive replies only: set KEFU_WECHAT_MP_SECRET for agent replies' };
    },
  };
}
