import { fetchLimited, tooLarge } from '../../src/media/fetchLimited';
import type { InboundMedia, MediaFetch } from '../../src/media/types';
import { ActionUnanswered, type OnebotConnection } from './connection';

/**
 * A picture or voice message a player sent through a OneBot bot. The segment's `url` is fetched as is
 * (go-cqhttp, NapCat and Lagrange give one for pictures); otherwise its `file` is asked of the bot with
 * `get_image` / `get_record` (out_format mp3, which browsers play), whose answer may carry a `url` or the
 * file as `base64`. A bare local `file` path is on the bot's machine, not ours: refused, never read.
 */
export async function fetchOnebotMedia(connection: OnebotConnection | undefined, account: string, media: InboundMedia, maxBytes: number): Promise<MediaFetch> {
  if (media.url) return fetchLimited(media.url, maxBytes);
  if (!media.mediaId) return { ok: false, status: 404, error: '这条消息没有图片或语音的地址' };
  if (!connection) return { ok: false, status: 503, error: `QQ 机器人 ${account} 没有连接，暂时取不到文件` };
  const [action, params] =
    media.kind === 'voice' ? ['get_record', { file: media.mediaId, out_format: 'mp3' }] : ['get_image', { file: media.mediaId }];
  let data: Record<string, unknown> | null;
  try {
    const res = await connection.call(action, params);
    if (res.status !== 'ok') return { ok: false, status: 404, error: `${action} 失败：retcode ${res.retcode} ${res.wording ?? res.message ?? ''}`.trim() };
    data = res.data;
  } catch (err) {
    if (err instanceof ActionUnanswered) return { ok: false, status: 503, error: err.message };
    throw err;
  }
  const url = typeof data?.url === 'string' && /^https?:\/\//i.test(data.url) ? data.url : undefined;
  if (url) return fetchLimited(url, maxBytes);
  if (typeof data?.base64 === 'string') {
    if ((data.base64.length * 3) / 4 > maxBytes) return tooLarge(maxBytes);
    return { ok: true, body: Buffer.from(data.base64, 'base64'), contentType: media.kind === 'voice' ? 'audio/mpeg' : 'application/octet-stream' };
  }
  return { ok: false, status: 404, error: `${action} 只给了机器人那台电脑上的路径，没有 url 或 base64` };
}
