import { fetchLimited } from '../../src/media/fetchLimited';
import type { MediaFetch } from '../../src/media/types';
import type { TokenCache } from '../../src/store/tokenCache';
import { describeErrcode, type WechatErr } from './errcodes';

/** 40007: invalid media_id. WeChat keeps a player's temporary media 3 days, WeCom 3 days too. */
const GONE = new Set([40007, 40008]);

/**
 * A player's picture or voice by media_id: `GET /cgi-bin/media/get?access_token=…&media_id=…` (the
 * Official Account and WeCom share the shape). Success is the file itself; an error is JSON on the same
 * URL. A stale token is renewed once, as every other call (protocols.md §1.6). The token stays here: the
 * caller gets bytes or a reason, never the URL.
 */
export async function fetchWechatMedia(
  base: string,
  tokens: TokenCache,
  mediaId: string,
  maxBytes: number,
  onError: (err: WechatErr) => void,
): Promise<MediaFetch> {
  let token: string;
  try {
    token = await tokens.get();
  } catch (err) {
    return { ok: false, status: 503, error: `取不到 access_token：${(err as Error).message}` };
  }
  for (let attempt = 0; ; attempt++) {
    const q = new URLSearchParams({ access_token: token, media_id: mediaId });
    const got = await fetchLimited(`${base}/cgi-bin/media/get?${q}`, maxBytes);
    if (!got.ok || !/json|text\/plain/i.test(got.contentType)) return got;
    let reply: { errcode?: number; errmsg?: string };
    try {
      reply = JSON.parse(got.body.toString('utf8'));
    } catch {
      return { ok: false, status: 502, error: '微信返回的既不是文件也不是错误说明' };
    }
    if (!reply.errcode) return { ok: false, status: 502, error: '微信返回了说明而不是文件' };
    const error = describeErrcode(reply.errcode, reply.errmsg);
    if (error.kind === 'token' && attempt === 0) {
      try {
        token = await tokens.renew(token);
      } catch (err) {
        return { ok: false, status: 503, error: `取不到 access_token：${(err as Error).message}` };
      }
      continue;
    }
    if (GONE.has(reply.errcode)) return { ok: false, status: 404, error: `${reply.errcode} 素材已过期或不存在（玩家发来的临时素材只保留 3 天）` };
    onError(error);
    return { ok: false, status: 502, error: error.message };
  }
}
