import type { InboundMessage } from '../../src/core/types';
import { parseCq, type Segment } from './cq';

/** What a reply needs to quote the player's message (§3.1 `[CQ:reply,id=…]`). */
export interface OnebotReplyContext {
  messageId: string;
}

/** A OneBot id (int64 in JSON) as the string we keep (protocols.md "two rules"). */
export function idOf(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return v;
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `message` as a CQ string or a segment array (§3.1); undefined when it is neither. */
export function segmentsOf(message: unknown): Segment[] | undefined {
  if (typeof message === 'string') return parseCq(message);
  if (!Array.isArray(message)) return undefined;
  const segments: Segment[] = [];
  for (const s of message) {
    if (!isObject(s) || typeof s.type !== 'string') return undefined;
    const data = isObject(s.data) ? s.data : {};
    segments.push({ type: s.type, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)])) });
  }
  return segments;
}

/**
 * What makes a message the same message: its message_id (per bot account, protocols.md §3.5) and its time.
 * A reconnect replays the event as it was, time included; but message_id is an int32 that some
 * implementations derive from a hash, so months later another message may carry the same one.
 */
function dedupeKey(messageId: string, time: unknown): string {
  return typeof time === 'number' && Number.isSafeInteger(time) ? `${messageId}@${time}` : messageId;
}

// A Map: a segment type is the bot's string, and 'constructor' must not find Object.prototype's member.
const MEDIA = new Map<string, InboundMessage['kind']>([
  ['image', 'image'],
  ['record', 'voice'],
]);

/**
 * A OneBot v11 message event as an InboundMessage, or null for anything Kefu does not answer: other post
 * types (including `message_sent`, the bot's own), group messages that do not @ the bot (§3.1), bad shapes.
 */
export function parseEvent(raw: unknown, now: number): InboundMessage | null {
  if (!isObject(raw) || raw.post_type !== 'message') return null;
  const selfId = idOf(raw.self_id);
  const userId = idOf(raw.user_id);
  const messageId = idOf(raw.message_id); // int32: may be negative
  const segments = segmentsOf(raw.message);
  if (!selfId || !userId || !messageId || !segments) return null;
  let groupId: string | undefined;
  if (raw.message_type === 'group') {
    groupId = idOf(raw.group_id);
    if (!groupId || !segments.some((s) => s.type === 'at' && s.data.qq === selfId)) return null;
  } else if (raw.message_type !== 'private') return null;
  const text = segments
    .filter((s) => s.type === 'text')
    .map((s) => s.data.text)
    .join('')
    .trim();
  const mediaSegment = segments.find((s) => MEDIA.has(s.type));
  const media = mediaSegment && MEDIA.get(mediaSegment.type);
  const sender = isObject(raw.sender) ? raw.sender : {};
  const nickname = [sender.card, sender.nickname].find((n): n is string => typeof n === 'string' && n !== '');
  const replyContext: OnebotReplyContext = { messageId };
  return {
    channel: 'onebot',
    account: selfId,
    externalId: dedupeKey(messageId, raw.time),
    from: { userId, nickname, groupId },
    kind: text || !media ? 'text' : media,
    text,
    // `url` (go-cqhttp, NapCat, Lagrange) is fetched as is; without it `file` goes to get_image / get_record.
    media: mediaSegment && {
      kind: media === 'voice' ? 'voice' : 'image',
      mediaId: mediaSegment.data.file || undefined,
      url: mediaSegment.data.url || undefined,
    },
    receivedAt: now,
    replyContext,
    raw,
  };
}
