import type { InboundMessage } from '../../src/core/types';
import type { InboundMedia } from '../../src/media/types';

/** Which passive window a reply falls in (protocols.md §4): private (C2C) or group. */
export type QqScope = 'c2c' | 'group';

/** What a passive reply needs: the player's msg_id, when it was sent and where. */
export interface QqReplyContext {
  scope: QqScope;
  msgId: string;
  sentAt: number; // ms since epoch: the window starts here
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * A dispatch (op 0) as an InboundMessage, or null for other events. C2C_MESSAGE_CREATE comes from
 * `author.user_openid`; GROUP_AT_MESSAGE_CREATE from `author.member_openid` in `group_openid`, its content
 * led by a space where the @ was (§4). `d.id` is the dedupe key: the platform may push it twice.
 */
export function parseEvent(payload: unknown, appId: string, now: number): InboundMessage | null {
  if (!isObject(payload) || payload.op !== 0 || !isObject(payload.d)) return null;
  const d = payload.d;
  const author = isObject(d.author) ? d.author : {};
  const msgId = str(d.id);
  let scope: QqScope;
  let userId: string | undefined;
  let groupId: string | undefined;
  if (payload.t === 'C2C_MESSAGE_CREATE') {
    scope = 'c2c';
    userId = str(author.user_openid);
  } else if (payload.t === 'GROUP_AT_MESSAGE_CREATE') {
    scope = 'group';
    userId = str(author.member_openid);
    groupId = str(d.group_openid);
    if (!groupId) return null;
  } else return null;
  if (!msgId || !userId) return null;
  const text = typeof d.content === 'string' ? d.content.trim() : '';
  const media = attachmentMedia(d.attachments);
  const hasImage = media?.kind === 'image';
  const sentAt = typeof d.timestamp === 'string' ? Date.parse(d.timestamp) : NaN;
  const replyContext: QqReplyContext = { scope, msgId, sentAt: Number.isNaN(sentAt) ? now : Math.min(sentAt, now) };
  return {
    channel: 'qq-official',
    account: appId,
    externalId: msgId,
    from: { userId, groupId },
    kind: !text && hasImage ? 'image' : !text && media?.kind === 'voice' ? (media.recognition ? 'text' : 'voice') : 'text',
    text: text || (media?.kind === 'voice' && media.recognition) || '',
    media,
    receivedAt: now,
    replyContext,
    raw: payload,
  };
}

/** An attachment URL as given: QQ sometimes leaves out the scheme ("//multimedia.nt.qq.com.cn/…"). */
const withScheme = (u: unknown) => (typeof u === 'string' && u.startsWith('//') ? `https:${u}` : str(u));

/**
 * The first picture or voice attachment: `{content_type, url, filename, size}`, a voice's content_type
 * "voice" (or audio/*) with `voice_wav_url` (WAV, which browsers play) and `asr_refer_text`, QQ's speech
 * recognition, when it gives one. The URL needs no token: the server fetches it for the console.
 */
function attachmentMedia(attachments: unknown): InboundMedia | undefined {
  if (!Array.isArray(attachments)) return undefined;
  for (const a of attachments) {
    if (!isObject(a)) continue;
    const type = String(a.content_type ?? '').toLowerCase();
    if (type.startsWith('image/')) return { kind: 'image', url: withScheme(a.url), format: type.slice(6) };
    if (type === 'voice' || type.startsWith('audio/')) {
      const wav = withScheme(a.voice_wav_url);
      return { kind: 'voice', url: wav ?? withScheme(a.url), format: wav ? 'wav' : undefined, recognition: str(a.asr_refer_text)?.trim() };
    }
  }
  return undefined;
}
